package io.meshgate.proxy.runtime;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to run a standalone gateway.
 *
 * @param config the YAML/JSON file or directory
 * @param admin where the admin listener binds ({@code /ready}, {@code /metrics}, {@code /config}), or
 *     null for none; port 0 picks a free port
 * @param threads event loops of the proxy (expected: &gt;= 1)
 * @param watch whether to reload the config when its files change
 * @param accessLog where the JSON access log goes ({@code -} for stdout), or null for none
 */
public record GatewayOptions(Path config, @Nullable InetSocketAddress admin, int threads, boolean watch,
                             @Nullable String accessLog) {

    public GatewayOptions {
        Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
    }

    /** The config at {@code config}, no admin listener, one event loop per CPU, watched, no access log. */
    public static GatewayOptions of(Path config) {
        return new GatewayOptions(config, null, Runtime.getRuntime().availableProcessors(), true, null);
    }

    /** These options with the admin listener on {@code admin}. */
    public GatewayOptions withAdmin(@Nullable InetSocketAddress admin) {
        return new GatewayOptions(config, admin, threads, watch, accessLog);
    }

    /** These options with {@code threads} event loops. */
    public GatewayOptions withThreads(int threads) {
        return new GatewayOptions(config, admin, threads, watch, accessLog);
    }

    /** These options with watching on or off. */
    public GatewayOptions withWatch(boolean watch) {
        return new GatewayOptions(config, admin, threads, watch, accessLog);
    }

    /** These options with the access log at {@code accessLog} ({@code -} for stdout, null for none). */
    public GatewayOptions withAccessLog(@Nullable String accessLog) {
        return new GatewayOptions(config, admin, threads, watch, accessLog);
    }

    /** The directory relative file references in the config resolve against. */
    public Path configDir() {
        Path abs = config.toAbsolutePath().normalize();
        if (java.nio.file.Files.isDirectory(abs)) {
            return abs;
        }
        Path parent = abs.getParent();
        return parent == null ? abs : parent;
    }
}
