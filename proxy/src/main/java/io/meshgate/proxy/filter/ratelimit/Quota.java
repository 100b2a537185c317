package io.meshgate.proxy.filter.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One limit: {@code requests} per {@code unit}, as a token bucket holding at most {@code burst}
 * tokens that refills at {@code requests / unit}.
 *
 * <p>Buckets are kept as a GCRA "theoretical arrival time" (one number per bucket, so a local bucket
 * is one CAS and a Redis bucket is one key): each request pushes it forward by the emission interval
 * {@code unit / requests}; a request is allowed while that time stays within {@code burst} intervals
 * of now. Over any span {@code T} a bucket admits at most {@code burst + requests * T / unit}.
 *
 * <p>{@code requests: 0} refuses every request the rule applies to (the bucket is always empty).
 *
 * @param requests how many requests per unit (expected: &gt;= 0)
 * @param unit the window the requests are counted over (expected: &gt; 0)
 * @param burst the most requests admitted at once (bucket size); defaults to {@code requests}
 *     (expected: &gt; 0, or 0 when requests is 0)
 */
public record Quota(long requests, Duration unit, long burst) {

    public Quota {
        if (requests < 0) {
            throw new IllegalArgumentException("requests: " + requests + " (expected: >= 0)");
        }
        Objects.requireNonNull(unit, "unit");
        if (unit.isNegative() || unit.isZero()) {
            throw new IllegalArgumentException("unit: " + unit + " (expected: > 0)");
        }
        if (requests == 0) {
            burst = 0;
        } else if (burst <= 0) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
        }
        if (requests > 0 && unit.toNanos() / requests <= 0) {
            throw new IllegalArgumentException("requests: " + requests + " per " + unit
                    + " (expected: at most one request per nanosecond)");
        }
    }

    /** {@code requests} per {@code unit} with a bucket of {@code requests} tokens. */
    public static Quota of(long requests, Duration unit) {
        return new Quota(requests, unit, requests);
    }

    /** Nanoseconds between two tokens: {@code unit / requests} ({@code unit} when requests is 0). */
    public long intervalNanos() {
        return requests == 0 ? unit.toNanos() : unit.toNanos() / requests;
    }

    /** How far ahead of now the theoretical arrival time may run: {@code burst} intervals. */
    public long capacityNanos() {
        return Math.multiplyExact(intervalNanos(), burst);
    }

    /**
     * This quota as one item of the {@code RateLimit-Policy} field (IETF httpapi ratelimit headers
     * draft): {@code 10;w=1}, with {@code ;burst=N} when the bucket is larger than the quota.
     */
    public String policyItem() {
        long windowSeconds = Math.max(1, unit.toSeconds());
        String item = requests + ";w=" + windowSeconds;
        return burst == requests ? item : item + ";burst=" + burst;
    }
}
