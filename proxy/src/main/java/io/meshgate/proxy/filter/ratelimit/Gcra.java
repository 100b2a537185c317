package io.meshgate.proxy.filter.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The generic cell rate algorithm on a local bucket: the bucket is its theoretical arrival time
 * (TAT) in {@link System#nanoTime()} terms, updated by compare-and-set, so deciding takes no lock.
 * {@link #EMPTY} marks a bucket never used. The Redis script ({@link RedisGcraScript}) is the same
 * algorithm with Redis server time.
 */
final class Gcra {

    /** The TAT of a full bucket that has never been used. */
    static final long EMPTY = Long.MIN_VALUE;

    private Gcra() {
    }

    /**
     * Takes one token if the bucket has one, and reports the outcome to {@code out}.
     *
     * @return whether a token was taken
     */
    static boolean take(AtomicLong bucket, long now, Quota quota, DecisionBuilder out) {
        long interval = quota.intervalNanos();
        long capacity = quota.capacityNanos();
        while (true) {
            long tat = bucket.get();
            long base = tat == EMPTY || tat - now < 0 ? now : tat;
            long next = base + interval;
            long ahead = next - now;
            if (ahead > capacity) {
                out.denied(quota, ahead - capacity, base - now);
                return false;
            }
            if (bucket.compareAndSet(tat, next)) {
                out.allowed(quota, (capacity - ahead) / interval, ahead);
                return true;
            }
        }
    }

    /** Gives back a token taken by {@link #take} (a later rule refused the request). */
    static void refund(AtomicLong bucket, Quota quota) {
        bucket.addAndGet(-quota.intervalNanos());
    }

    /** Whether the bucket is full, so forgetting it changes no decision. */
    static boolean isFull(AtomicLong bucket, long now) {
        long tat = bucket.get();
        return tat == EMPTY || tat - now <= 0;
    }
}
