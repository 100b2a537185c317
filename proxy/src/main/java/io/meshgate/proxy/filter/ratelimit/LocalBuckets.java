package io.meshgate.proxy.filter.ratelimit;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The buckets of one rule on this gateway instance: one bucket for a rule without Distinct
 * selectors, else one per distinct key, at most {@code maxKeys} of them.
 *
 * <p>Memory stays bounded by evicting when the map outgrows {@code maxKeys}: first full buckets
 * (forgetting those changes no decision), then, if clients keep that many buckets busy, arbitrary
 * ones down to 90% of the bound (an evicted client starts again with a full bucket: the limit errs
 * on the open side for it, and the eviction counter shows it). One thread sweeps at a time; others
 * carry on unblocked.
 */
final class LocalBuckets {

    private final Quota quota;
    private final int maxKeys;
    private final AtomicLong shared = new AtomicLong(Gcra.EMPTY);
    private final ConcurrentHashMap<String, AtomicLong> byKey = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final LongAdder evictedBusy = new LongAdder();

    LocalBuckets(Quota quota, int maxKeys) {
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: > 0)");
        }
        this.quota = quota;
        this.maxKeys = maxKeys;
    }

    Quota quota() {
        return quota;
    }

    /** The single bucket of a rule without Distinct selectors. */
    AtomicLong shared() {
        return shared;
    }

    /** The bucket of distinct key {@code key}. */
    AtomicLong bucket(String key, long now) {
        AtomicLong b = byKey.get(key);
        if (b != null) {
            return b;
        }
        if (byKey.size() >= maxKeys) {
            evict(now); // before inserting, so the new client's bucket is not the one evicted
        }
        return byKey.computeIfAbsent(key, k -> new AtomicLong(Gcra.EMPTY));
    }

    /** Number of distinct buckets held now. */
    int size() {
        return byKey.size();
    }

    /** Buckets evicted while not full (each a client whose limit restarted). */
    long evictedBusy() {
        return evictedBusy.sum();
    }

    private void evict(long now) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            byKey.values().removeIf(b -> Gcra.isFull(b, now));
            int target = maxKeys - maxKeys / 10;
            Iterator<AtomicLong> it = byKey.values().iterator();
            while (byKey.size() > target && it.hasNext()) {
                it.next();
                it.remove();
                evictedBusy.increment();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
