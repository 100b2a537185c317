package io.meshgate.api.apimgmt;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The spec of a {@code ResponseCache} resource ({@code meshgate.io/v1alpha1}): a shared HTTP cache
 * (RFC 9111) for GET and HEAD on the HTTPRoute rules that use it as an {@code ExtensionRef} filter.
 *
 * @param defaultTtl freshness of a response that says nothing about it (no {@code max-age},
 *     {@code s-maxage} or {@code Expires}); default {@code 0s}: such responses are not stored
 * @param maxTtl upper bound of any freshness lifetime; default none
 * @param maxEntryBytes the largest response body stored, in bytes; larger ones pass uncached;
 *     default 1048576 (1 MiB)
 * @param maxTotalBytes the memory bound of the whole cache (bodies plus headers), in bytes; least
 *     recently used entries leave first; default 67108864 (64 MiB)
 * @param statuses the response statuses that may be stored; default {@code [200, 203, 301, 404]}
 */
public record ResponseCache(@Nullable String defaultTtl, @Nullable String maxTtl, @Nullable Integer maxEntryBytes,
                            @Nullable Long maxTotalBytes, @Nullable List<Integer> statuses) {

    /** Default {@link #statuses()}. */
    public static final List<Integer> DEFAULT_STATUSES = List.of(200, 203, 301, 404);

    public ResponseCache {
        if (defaultTtl != null) {
            ApiDurations.parse("defaultTtl", defaultTtl);
        }
        if (maxTtl != null) {
            ApiDurations.parse("maxTtl", maxTtl);
        }
        if (maxEntryBytes != null && maxEntryBytes <= 0) {
            throw new IllegalArgumentException("maxEntryBytes: " + maxEntryBytes + " (expected: > 0)");
        }
        if (maxTotalBytes != null && maxTotalBytes <= 0) {
            throw new IllegalArgumentException("maxTotalBytes: " + maxTotalBytes + " (expected: > 0)");
        }
        if (maxEntryBytes != null && maxTotalBytes != null && maxEntryBytes > maxTotalBytes) {
            throw new IllegalArgumentException("maxEntryBytes: " + maxEntryBytes
                    + " (expected: <= maxTotalBytes " + maxTotalBytes + ")");
        }
        if (statuses != null) {
            for (int i = 0; i < statuses.size(); i++) {
                Integer s = statuses.get(i);
                if (s == null || s < 200 || s > 599) {
                    throw new IllegalArgumentException("statuses[" + i + "]: " + s + " (expected: 200..599)");
                }
            }
            statuses = List.copyOf(statuses);
        }
    }

    /** {@link #defaultTtl()} parsed, with its default. */
    public Duration defaultTtlOrDefault() {
        return defaultTtl == null ? Duration.ZERO : ApiDurations.parse("defaultTtl", defaultTtl);
    }

    /** {@link #maxTtl()} parsed, or null for no bound. */
    public @Nullable Duration maxTtlOrNull() {
        return maxTtl == null ? null : ApiDurations.parse("maxTtl", maxTtl);
    }

    /** {@link #maxEntryBytes()} with its default. */
    public int maxEntryBytesOrDefault() {
        return maxEntryBytes == null ? 1 << 20 : maxEntryBytes;
    }

    /** {@link #maxTotalBytes()} with its default. */
    public long maxTotalBytesOrDefault() {
        return maxTotalBytes == null ? 64L << 20 : maxTotalBytes;
    }

    /** {@link #statuses()} with its default. */
    public List<Integer> statusesOrDefault() {
        return statuses == null ? DEFAULT_STATUSES : statuses;
    }
}
