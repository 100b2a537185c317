package io.meshgate.api.policy;

import io.meshgate.api.gateway.SecretObjectReference;
import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How meshgate verifies a TLS Backend ({@code appProtocol} https or h2).
 *
 * @param sni the server name sent in SNI and verified in the certificate; default the endpoint address
 * @param insecureSkipVerify accept any server certificate, default false (for labs only)
 * @param caCertificateRefs Secrets whose {@code ca.crt} (PEM) are trusted; default the JDK's trust store
 */
public record BackendTls(@Nullable String sni, Boolean insecureSkipVerify,
                         List<SecretObjectReference> caCertificateRefs) {
    public BackendTls(@Nullable String sni, @Nullable Boolean insecureSkipVerify,
                      @Nullable List<SecretObjectReference> caCertificateRefs) {
        this.sni = sni == null || sni.isEmpty() ? null : sni;
        this.insecureSkipVerify = Checks.orDefault(insecureSkipVerify, false);
        this.caCertificateRefs = Checks.list(caCertificateRefs, "caCertificateRefs");
        Checks.check(!this.insecureSkipVerify || this.caCertificateRefs.isEmpty(), "caCertificateRefs",
                "must be empty when insecureSkipVerify is true");
    }
}
