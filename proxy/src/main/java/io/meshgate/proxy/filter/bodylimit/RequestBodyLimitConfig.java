package io.meshgate.proxy.filter.bodylimit;

/**
 * Config of {@link RequestBodyLimitFilter}.
 *
 * @param maxBytes the largest request body accepted, in bytes (expected: &gt;= 0)
 */
public record RequestBodyLimitConfig(long maxBytes) {
    public RequestBodyLimitConfig {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
        }
    }
}
