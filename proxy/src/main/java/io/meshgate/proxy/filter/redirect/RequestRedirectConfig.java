package io.meshgate.proxy.filter.redirect;

import io.meshgate.proxy.filter.rewrite.PathModifier;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code HTTPRequestRedirectFilter}, plus the listener port the spec's default port
 * rules need.
 *
 * @param scheme {@code http} or {@code https}, or null to keep the request's scheme
 * @param hostname the Location host, or null for the request's Host without port
 * @param port the Location port, or null for the spec's default (the scheme's well-known port when
 *     {@code scheme} is set, else the listener port)
 * @param path how to change the path, or null to keep it
 * @param statusCode 301, 302, 303, 307 or 308 (default 302)
 * @param listenerPort the port of the listener the route is attached to
 */
public record RequestRedirectConfig(@Nullable String scheme, @Nullable String hostname, @Nullable Integer port,
                                    @Nullable PathModifier path, int statusCode, int listenerPort) {

    private static final Set<Integer> STATUS_CODES = Set.of(301, 302, 303, 307, 308);

    public RequestRedirectConfig {
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme: '" + scheme + "' (expected: http or https)");
        }
        if (hostname != null && (hostname.isEmpty() || hostname.startsWith("*") || hostname.contains(":"))) {
            throw new IllegalArgumentException("hostname: '" + hostname
                    + "' (expected: a precise hostname, no wildcard, no port)");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (!STATUS_CODES.contains(statusCode)) {
            throw new IllegalArgumentException("statusCode: " + statusCode + " (expected: 301, 302, 303, 307 or 308)");
        }
        if (listenerPort < 1 || listenerPort > 65535) {
            throw new IllegalArgumentException("listenerPort: " + listenerPort + " (expected: 1..65535)");
        }
    }
}
