package io.meshgate.api.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.meshgate.api.internal.Checks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Backend's {@code spec}.
 *
 * @param endpoints the static endpoints, at least one
 * @param appProtocol {@code http} (default), {@code h2c} (or {@code kubernetes.io/h2c}), {@code https} or
 *     {@code h2} (TLS with ALPN h2)
 * @param tls server verification for https and h2, optional; must be absent for http and h2c
 */
public record BackendSpec(List<BackendEndpoint> endpoints, String appProtocol, @Nullable BackendTls tls) {
    public BackendSpec(@Nullable List<BackendEndpoint> endpoints, @Nullable String appProtocol,
                       @Nullable BackendTls tls) {
        this.endpoints = Checks.list(endpoints, "endpoints");
        Checks.check(!this.endpoints.isEmpty(), "endpoints", "required (expected: at least 1 endpoint)");
        AppProtocol p = AppProtocol.of(Checks.orDefault(appProtocol, "http"));
        Checks.check(p != null, "appProtocol",
                Checks.quote(String.valueOf(appProtocol)) + " (expected one of: " + AppProtocol.EXPECTED + ")");
        this.appProtocol = Objects.requireNonNull(p).yaml();
        Checks.check(tls == null || p.isTls(), "tls", "must be absent when appProtocol is " + p.yaml());
        this.tls = tls;
    }

    /** The protocol as an enum. */
    @JsonIgnore
    public AppProtocol protocol() {
        return Objects.requireNonNull(AppProtocol.of(appProtocol));
    }
}
