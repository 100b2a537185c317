package io.meshgate.proxy.filter.auth.extauth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of {@link ExtAuthFilter}, compiled from a SecurityPolicy's {@code extAuth}.
 *
 * @param endpoints base URLs of the authorization service ({@code http://host:port}), used in turn (expected: not empty)
 * @param pathPrefix prefix of the authorization request's path, before the original path; may be empty
 * @param headersToExtAuth request headers sent along besides Authorization (lower-case)
 * @param headersToBackend headers of a 2xx answer copied onto the request (lower-case)
 * @param failOpen let the request through when the service cannot be reached or times out
 * @param timeout how long to wait for the answer
 * @param maxBodyBytes the largest denial body relayed to the client (default 64 KiB)
 */
public record ExtAuthConfig(List<URI> endpoints, String pathPrefix, List<String> headersToExtAuth,
                            List<String> headersToBackend, boolean failOpen, Duration timeout, int maxBodyBytes) {

    /** The default limit of a relayed denial body. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public ExtAuthConfig {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        headersToExtAuth = headersToExtAuth.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        headersToBackend = headersToBackend.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(timeout, "timeout");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: [] (expected: at least one)");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
    }
}
