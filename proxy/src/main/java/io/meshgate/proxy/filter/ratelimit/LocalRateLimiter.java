package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.http.Exchange;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides rate limits from buckets held in this gateway instance's memory: lock-free (one CAS per
 * bucket), thread-safe, shared by every event loop. A request is counted by every rule that
 * applies to it, or by none: when one rule refuses, the tokens already taken for the others are
 * given back, so a request refused by {@code 10/s} does not use up {@code 1000/h}.
 */
public final class LocalRateLimiter {

    /** The default bound on distinct buckets per rule. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final RateLimitRule[] rules;
    private final boolean[] distinct;
    private final LocalBuckets[] buckets;
    private final LongSupplier nanoClock;

    /**
     * A limiter for {@code rules}.
     *
     * @param maxKeys the most distinct buckets kept per rule (expected: &gt; 0)
     * @param nanoClock monotonic nanoseconds ({@code System::nanoTime} outside tests)
     */
    public LocalRateLimiter(List<RateLimitRule> rules, int maxKeys, LongSupplier nanoClock) {
        this(rules, rule -> new LocalBuckets(rule.quota(), maxKeys), nanoClock);
    }

    /** A limiter whose buckets come from {@code buckets} (shared with other limiters, kept across reloads). */
    LocalRateLimiter(List<RateLimitRule> rules, Function<RateLimitRule, LocalBuckets> buckets, LongSupplier nanoClock) {
        this.rules = rules.toArray(new RateLimitRule[0]);
        this.distinct = new boolean[this.rules.length];
        this.buckets = new LocalBuckets[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            distinct[i] = this.rules[i].isDistinct();
            this.buckets[i] = buckets.apply(this.rules[i]);
        }
        this.nanoClock = nanoClock;
    }

    /** Counts the request against the rules that apply to it; null when none applies. */
    public @Nullable Decision acquire(Exchange exchange) {
        long now = nanoClock.getAsLong();
        DecisionBuilder out = new DecisionBuilder();
        // Rule i's bucket is kept in taken[i] once a token was taken from it, for the refund.
        AtomicLong[] taken = null;
        for (int i = 0; i < rules.length; i++) {
            String key = rules[i].bucketKey(exchange);
            if (key == null) {
                continue;
            }
            AtomicLong bucket = distinct[i] ? buckets[i].bucket(key, now) : buckets[i].shared();
            if (!Gcra.take(bucket, now, buckets[i].quota(), out)) {
                for (int t = 0; taken != null && t < i; t++) {
                    if (taken[t] != null) {
                        Gcra.refund(taken[t], buckets[t].quota());
                    }
                }
                break;
            }
            if (taken == null && i + 1 < rules.length) {
                taken = new AtomicLong[rules.length];
            }
            if (taken != null) {
                taken[i] = bucket;
            }
        }
        return out.build();
    }

    /** Distinct buckets held now, over all rules (for tests and metrics). */
    public int distinctBuckets() {
        int n = 0;
        for (LocalBuckets b : buckets) {
            n += b.size();
        }
        return n;
    }

    /** Busy buckets evicted to keep memory bounded, over all rules. */
    public long evictedBusy() {
        long n = 0;
        for (LocalBuckets b : buckets) {
            n += b.evictedBusy();
        }
        return n;
    }
}
