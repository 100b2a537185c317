package io.meshgate.proxy.filter.auth.mtls;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link ClientCertAuthFilter}, compiled from a SecurityPolicy's
 * {@code clientCertificateAuth} and the Consumers' {@code clientCertificates}.
 *
 * @param consumersBySubject consumer by certificate subject DN, in {@link X500Principal#CANONICAL} form
 *                           (see {@link #canonicalSubject})
 * @param consumersBySan consumer by subject alternative name (URI, DNS name, e-mail or IP address; DNS
 *                       names lower-cased)
 * @param required whether a request without a certificate that maps to a consumer is refused (403);
 *                 otherwise it passes unauthenticated
 * @param forwardClientIdHeader request header that carries the consumer name upstream, or null
 */
public record ClientCertAuthConfig(Map<String, String> consumersBySubject, Map<String, String> consumersBySan,
                                   boolean required, @Nullable String forwardClientIdHeader) {

    public ClientCertAuthConfig {
        consumersBySubject = consumersBySubject.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> canonicalSubject(e.getKey()), Map.Entry::getValue));
        consumersBySan = Map.copyOf(consumersBySan);
    }

    /**
     * The canonical form of a distinguished name, so that {@code CN=alice, O=Acme} and
     * {@code cn=Alice,o=acme} compare equal as RFC 5280 §7.1 intends.
     *
     * @throws IllegalArgumentException when {@code dn} is not an RFC 2253 distinguished name
     */
    public static String canonicalSubject(String dn) {
        return new X500Principal(dn).getName(X500Principal.CANONICAL);
    }

    /** The key of a DNS-name SAN: DNS names compare case-insensitively. */
    static String dnsKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
