package io.meshgate.proxy.filter.cache;

import io.meshgate.api.apimgmt.ResponseCacheSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link ResponseCacheFilter}.
 *
 * @param defaultTtl freshness of responses that state none; zero: such responses are not stored
 * @param maxTtl upper bound of freshness, or null for none
 * @param maxEntryBytes the largest body stored, in bytes (expected: &gt; 0)
 * @param maxTotalBytes the memory bound of the cache, in bytes (expected: &gt; 0)
 * @param statuses the statuses that may be stored
 */
public record ResponseCacheConfig(Duration defaultTtl, @Nullable Duration maxTtl, int maxEntryBytes, long maxTotalBytes,
                                  Set<Integer> statuses) {
    public ResponseCacheConfig {
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        if (defaultTtl.isNegative()) {
            throw new IllegalArgumentException("defaultTtl: " + defaultTtl + " (expected: >= 0)");
        }
        if (maxEntryBytes <= 0) {
            throw new IllegalArgumentException("maxEntryBytes: " + maxEntryBytes + " (expected: > 0)");
        }
        if (maxTotalBytes <= 0) {
            throw new IllegalArgumentException("maxTotalBytes: " + maxTotalBytes + " (expected: > 0)");
        }
        statuses = Set.copyOf(statuses);
    }

    /** From the resource spec. */
    public static ResponseCacheConfig from(ResponseCacheSpec spec) {
        return new ResponseCacheConfig(spec.defaultTtlOrDefault(), spec.maxTtl(), spec.maxEntryBytesOrDefault(),
                spec.maxTotalBytesOrDefault(), Set.copyOf(spec.statusesOrDefault()));
    }
}
