package io.meshgate.proxy.filter.auth;

import java.util.Objects;

/**
 * Who a request was authenticated as.
 *
 * @param consumer the Consumer name (for JWT: the {@code sub} claim, prefixed by nothing), never empty
 * @param method how the caller proved it
 */
public record AuthenticatedIdentity(String consumer, Method method) {

    /** The ways a caller can authenticate. */
    public enum Method { API_KEY, JWT, BASIC, CLIENT_CERTIFICATE, EXTERNAL }

    public AuthenticatedIdentity {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(method, "method");
        if (consumer.isEmpty()) {
            throw new IllegalArgumentException("consumer: \"\" (expected: a non-empty name)");
        }
    }
}
