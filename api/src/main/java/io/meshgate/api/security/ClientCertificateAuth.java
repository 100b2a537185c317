package io.meshgate.api.security;

import io.meshgate.api.LabelSelector;
import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code clientCertificateAuth} (meshgate): the caller is the Consumer whose
 * {@code credentials.clientCertificates} names the subject or a subject alternative name of the TLS client
 * certificate. The certificate is verified during the handshake against the CA bundle of the listener's
 * ClientTrafficPolicy {@code tls.clientValidation}, so that policy must exist on HTTPS listeners.
 *
 * @param credentialRefs Consumers accepted
 * @param consumerSelector Consumers whose labels match are accepted too
 * @param optional let requests without a (mapped) certificate through unauthenticated, default false (403)
 * @param forwardClientIDHeader request header that carries the consumer name upstream, default
 *     {@code x-consumer-name}
 */
public record ClientCertificateAuth(List<ConsumerReference> credentialRefs, @Nullable LabelSelector consumerSelector,
                                    Boolean optional, String forwardClientIDHeader) implements ConsumerSelection {
    public ClientCertificateAuth(@Nullable List<ConsumerReference> credentialRefs,
                                 @Nullable LabelSelector consumerSelector, @Nullable Boolean optional,
                                 @Nullable String forwardClientIDHeader) {
        this.credentialRefs = Checks.list(credentialRefs, "credentialRefs");
        this.consumerSelector = consumerSelector;
        this.optional = Checks.orDefault(optional, false);
        this.forwardClientIDHeader = Checks.headerName(
                Checks.orDefault(forwardClientIDHeader, ApiKeyAuth.DEFAULT_CLIENT_ID_HEADER), "forwardClientIDHeader");
    }
}
