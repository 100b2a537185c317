package io.meshgate.proxy.filter.cors;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link CorsFilter}, compiled from a SecurityPolicy's {@code cors}.
 *
 * @param allowOrigins origins allowed to read responses (expected: not empty)
 * @param allowMethods methods a preflight may ask for; {@code *} allows any. GET, HEAD and POST are
 *                     always allowed (Fetch CORS-safelisted methods)
 * @param allowHeaders request headers a preflight may ask for (case-insensitive); {@code *} allows any
 * @param exposeHeaders response headers scripts may read besides the safelisted ones; {@code *} exposes
 *                      all (only without credentials, per Fetch)
 * @param maxAge how long browsers may cache a preflight answer, or null to let them choose (5 s in Chromium)
 * @param allowCredentials whether requests with cookies or HTTP authentication may read responses
 */
public record CorsConfig(List<OriginPattern> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, @Nullable Duration maxAge, boolean allowCredentials) {

    public CorsConfig {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = allowHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        exposeHeaders = List.copyOf(exposeHeaders);
        if (allowOrigins.isEmpty()) {
            throw new IllegalArgumentException("allowOrigins: [] (expected: at least one origin)");
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: >= 0)");
        }
    }

    /** Whether the answer depends on the request's Origin, so caches must key on it ({@code Vary: Origin}). */
    boolean variesByOrigin() {
        return allowCredentials || allowOrigins.stream().noneMatch(OriginPattern::isAny);
    }
}
