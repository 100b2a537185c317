package io.meshgate.proxy.runtime;

import io.meshgate.proxy.reload.ConfigReloader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;

/**
 * {@code meshgate validate}: everything the gateway does with a config before it serves it
 * (load, validate, compile: TLS keys, policies, clusters), without binding a port or starting a
 * health check.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * Checks the config at {@code path}.
     *
     * @return {@link ConfigReloader.Ready} (its warnings, what it would run) or {@link ConfigReloader.Invalid}
     */
    public static ConfigReloader.Attempt check(Path path) {
        GatewayOptions options = GatewayOptions.of(path);
        try (ControlPlaneParts parts = new ControlPlaneParts(path, options.configDir(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            ConfigReloader.Attempt attempt = parts.reloader.prepare();
            if (attempt instanceof ConfigReloader.Ready ready) {
                ready.compiled().clusters().abort();
            }
            return attempt;
        }
    }
}
