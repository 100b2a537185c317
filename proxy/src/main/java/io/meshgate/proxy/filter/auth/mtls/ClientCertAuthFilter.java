package io.meshgate.proxy.filter.auth.mtls;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthResponses;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.http.Exchange;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Identifies the caller by the client certificate of the TLS connection: its subject DN or one of
 * its subject alternative names, mapped to a Consumer.
 *
 * <p>The certificate chain itself is verified during the TLS handshake, against the CA bundle of
 * the listener's ClientTrafficPolicy ({@code tls.clientValidation}); this filter only maps a
 * certificate that handshake accepted. When {@code required}, a request without a certificate or
 * with one that maps to no consumer gets 403; otherwise it passes without an identity.
 */
public final class ClientCertAuthFilter implements HttpFilter {

    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    private final ClientCertAuthConfig config;

    /** A filter for {@code config}, shared by every request of the route. */
    public ClientCertAuthFilter(ClientCertAuthConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.AUTHN;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        String header = config.forwardClientIdHeader();
        if (header != null) {
            exchange.requestHeaders().remove(header);
        }
        X509Certificate cert = peerCertificate(exchange.tlsSession());
        if (cert == null) {
            return config.required() ? AuthResponses.forbidden("client certificate required") : FilterResult.next();
        }
        String consumer = consumerOf(cert);
        if (consumer == null) {
            return config.required() ? AuthResponses.forbidden("client certificate not mapped to a consumer")
                    : FilterResult.next();
        }
        if (header != null) {
            exchange.requestHeaders().set(header, consumer);
        }
        exchange.attr(AuthAttributes.IDENTITY,
                new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.CLIENT_CERTIFICATE));
        return FilterResult.next();
    }

    private @Nullable String consumerOf(X509Certificate cert) {
        String bySubject = config.consumersBySubject().get(cert.getSubjectX500Principal().getName(X500Principal.CANONICAL));
        if (bySubject != null) {
            return bySubject;
        }
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return null;
        }
        if (sans == null) {
            return null;
        }
        for (List<?> san : sans) {
            if (san.size() < 2 || !(san.get(0) instanceof Integer type) || !(san.get(1) instanceof String value)) {
                continue;
            }
            String key = switch (type) {
                case SAN_DNS -> ClientCertAuthConfig.dnsKey(value);
                case SAN_EMAIL, SAN_URI, SAN_IP -> value;
                default -> null;
            };
            String consumer = key == null ? null : config.consumersBySan().get(key);
            if (consumer != null) {
                return consumer;
            }
        }
        return null;
    }

    private static @Nullable X509Certificate peerCertificate(@Nullable SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }
}
