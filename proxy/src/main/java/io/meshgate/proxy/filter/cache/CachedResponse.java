package io.meshgate.proxy.filter.cache;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * One stored response. Immutable: the headers are a private copy never handed out.
 *
 * @param status the response status
 * @param headers the response headers, without hop-by-hop fields, Content-Length, Age and x-cache
 * @param body the body bytes
 * @param vary the request header values the response varies on, by lower-case name (from {@code Vary})
 * @param storedAtNanos ticker time when the response was stored
 * @param initialAgeSeconds the age the response already had (its {@code Age} field)
 * @param ttlNanos the freshness lifetime
 */
record CachedResponse(int status, HttpHeaders headers, byte[] body, Map<String, List<String>> vary,
                      long storedAtNanos, long initialAgeSeconds, long ttlNanos) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Memory charged for this entry: body, header text and a fixed overhead for the objects. */
    long weight() {
        long w = 256L + body.length;
        for (Map.Entry<String, String> h : headers) {
            w += 32L + 2L * (h.getKey().length() + h.getValue().length());
        }
        return w;
    }

    /** Current age in seconds (RFC 9111 section 4.2.3, with the gateway's own clock). */
    long ageSeconds(long nowNanos) {
        return initialAgeSeconds + Math.max(0, nowNanos - storedAtNanos) / NANOS_PER_SECOND;
    }

    /** Whether the response is still fresh at {@code nowNanos}. */
    boolean isFresh(long nowNanos) {
        return initialAgeSeconds * NANOS_PER_SECOND + (nowNanos - storedAtNanos) < ttlNanos;
    }

    /** Whether this variant was stored for a request with the same values of the varying headers. */
    boolean matches(HttpHeaders requestHeaders) {
        for (Map.Entry<String, List<String>> v : vary.entrySet()) {
            if (!requestHeaders.getAll(v.getKey()).equals(v.getValue())) {
                return false;
            }
        }
        return true;
    }
}
