package io.meshgate.proxy.filter.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Folds the per-bucket results of one request into one {@link Decision}: refused if any bucket
 * refused (reporting the longest wait), else the bucket with the fewest tokens left.
 * Not thread-safe; one per decision.
 */
final class DecisionBuilder {

    private @Nullable Quota quota;
    private boolean allowed = true;
    private long remaining = Long.MAX_VALUE;
    private long resetNanos;
    private long retryAfterNanos;

    /** A bucket admitted the request and has {@code remaining} tokens left, full again in {@code resetNanos}. */
    void allowed(Quota q, long remaining, long resetNanos) {
        if (!allowed) {
            return;
        }
        if (quota == null || remaining < this.remaining
                || remaining == this.remaining && resetNanos > this.resetNanos) {
            quota = q;
            this.remaining = remaining;
            this.resetNanos = resetNanos;
        }
    }

    /** A bucket refused the request; it admits one in {@code retryAfterNanos}, is full in {@code resetNanos}. */
    void denied(Quota q, long retryAfterNanos, long resetNanos) {
        if (allowed || retryAfterNanos > this.retryAfterNanos) {
            quota = q;
            this.remaining = 0;
            this.resetNanos = resetNanos;
            this.retryAfterNanos = retryAfterNanos;
        }
        allowed = false;
    }

    /** Whether no bucket refused so far. */
    boolean isAllowed() {
        return allowed;
    }

    /** The decision, or null when no rule applied to the request. */
    @Nullable Decision build() {
        Quota q = quota;
        if (q == null) {
            return null;
        }
        return new Decision(allowed, q, allowed ? remaining : 0, resetNanos, allowed ? 0 : retryAfterNanos);
    }
}
