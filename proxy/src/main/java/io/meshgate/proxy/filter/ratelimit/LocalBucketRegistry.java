package io.meshgate.proxy.filter.ratelimit;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The local buckets of one gateway, by rule id and quota: rules with the same id get the same
 * buckets, so routes sharing a rule ({@code shared: true}) count together and a reload that keeps a
 * rule keeps its counts (a client at its limit stays there). Buckets are held weakly: once no
 * snapshot's filter uses them, they are collected. Used by the policy compiler, from one thread.
 */
final class LocalBucketRegistry {

    private record Key(String id, Quota quota) {
    }

    private final int maxKeys;
    private final Map<Key, WeakReference<LocalBuckets>> byKey = new HashMap<>();

    LocalBucketRegistry(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** The buckets of {@code rule}, shared with every rule of the same id and quota. */
    LocalBuckets buckets(RateLimitRule rule) {
        Objects.requireNonNull(rule, "rule");
        byKey.values().removeIf(ref -> ref.get() == null);
        Key key = new Key(rule.id(), rule.quota());
        WeakReference<LocalBuckets> ref = byKey.get(key);
        LocalBuckets b = ref == null ? null : ref.get();
        if (b == null) {
            b = new LocalBuckets(rule.quota(), maxKeys);
            byKey.put(key, new WeakReference<>(b));
        }
        return b;
    }
}
