package io.meshgate.api.apimgmt;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.PolicySpec;
import io.meshgate.api.policy.PolicyTargetReference;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A ResponseCache's {@code spec}.
 *
 * @param targetRefs the HTTPRoutes (optionally one rule via sectionName) or Gateways it applies to, 1..16
 * @param defaultTtl freshness of a response that says nothing about it (no {@code max-age},
 *     {@code s-maxage} or {@code Expires}); default {@code 0s}: such responses are not stored
 * @param maxTtl upper bound of any freshness lifetime; default none
 * @param maxEntryBytes the largest response body stored, in bytes; larger ones pass uncached;
 *     default 1048576 (1 MiB)
 * @param maxTotalBytes the memory bound of the whole cache (bodies plus headers), in bytes; least
 *     recently used entries leave first; default 67108864 (64 MiB)
 * @param statuses the response statuses that may be stored; default {@code [200, 203, 301, 404]}
 */
public record ResponseCacheSpec(List<PolicyTargetReference> targetRefs, @Nullable Duration defaultTtl,
                                @Nullable Duration maxTtl, @Nullable Integer maxEntryBytes,
                                @Nullable Long maxTotalBytes, @Nullable List<Integer> statuses) implements PolicySpec {

    /** Default {@link #statuses()}. */
    public static final List<Integer> DEFAULT_STATUSES = List.of(200, 203, 301, 404);

    public ResponseCacheSpec {
        targetRefs = ApiManagementChecks.targetRefs(targetRefs);
        if (maxTtl != null) {
            Checks.check(!maxTtl.isZero(), "maxTtl", "0s (expected: > 0s; remove the policy to disable caching)");
        }
        if (maxEntryBytes != null) {
            Checks.atLeast(maxEntryBytes, 1, "maxEntryBytes");
        }
        if (maxTotalBytes != null) {
            Checks.atLeast(maxTotalBytes, 1L, "maxTotalBytes");
        }
        if (maxEntryBytes != null && maxTotalBytes != null) {
            Checks.check(maxEntryBytes <= maxTotalBytes, "maxEntryBytes",
                    maxEntryBytes + " (expected: <= maxTotalBytes " + maxTotalBytes + ")");
        }
        statuses = Checks.list(statuses, "statuses");
        for (int i = 0; i < statuses.size(); i++) {
            Checks.range(statuses.get(i), 200, 599, "statuses[" + i + "]");
        }
    }

    /** {@link #defaultTtl()} with its default. */
    public Duration defaultTtlOrDefault() {
        return defaultTtl == null ? Duration.ZERO : defaultTtl;
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
        return statuses.isEmpty() ? DEFAULT_STATUSES : statuses;
    }
}
