package io.meshgate.api.gateway;

import io.meshgate.api.internal.Checks;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A listener's {@code tls} block.
 *
 * @param mode TLS mode, default {@code Terminate} (the only one supported)
 * @param certificateRefs server certificates: {@code kubernetes.io/tls} Secrets, at least one for HTTPS,
 *     at most 64; the listener picks one by SNI from each certificate's names
 * @param options implementation-specific options, default none; none are interpreted yet
 */
public record GatewayTlsConfig(TlsMode mode, List<SecretObjectReference> certificateRefs,
                               Map<String, String> options) {
    public GatewayTlsConfig(@Nullable TlsMode mode, @Nullable List<SecretObjectReference> certificateRefs,
                            @Nullable Map<String, String> options) {
        this.mode = Checks.orDefault(mode, TlsMode.Terminate);
        this.certificateRefs = Checks.list(certificateRefs, "certificateRefs");
        this.options = Checks.map(options);
        Checks.check(this.certificateRefs.size() <= 64, "certificateRefs",
                this.certificateRefs.size() + " entries (expected: at most 64)");
    }
}
