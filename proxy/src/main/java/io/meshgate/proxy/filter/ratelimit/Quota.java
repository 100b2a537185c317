package io.meshgate.proxy.filter.ratelimit;

import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * <p>A value class (equal when requests, unit and burst are) that also holds its {@code RateLimit-Limit}
 * and {@code RateLimit-Policy} field values, made once rather than per response.
 */
public final class Quota {

    private final long requests;
    private final Duration unit;
    private final long burst;
    private final AsciiString limitField;
    private final AsciiString policyField;

    /**
     * A quota.
     *
     * @param requests how many requests per unit (expected: &gt;= 0)
     * @param unit the window the requests are counted over (expected: &gt; 0)
     * @param burst the most requests admitted at once (bucket size); ignored (0) when requests is 0
     *     (expected: &gt; 0 otherwise)
     */
    public Quota(long requests, Duration unit, long burst) {
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
        this.requests = requests;
        this.unit = unit;
        this.burst = burst;
        this.limitField = AsciiString.of(Long.toString(burst));
        this.policyField = AsciiString.of(policyItem());
    }

    /** {@code requests} per {@code unit} with a bucket of {@code requests} tokens. */
    public static Quota of(long requests, Duration unit) {
        return new Quota(requests, unit, requests);
    }

    /** How many requests per unit. */
    public long requests() {
        return requests;
    }

    /** The window the requests are counted over. */
    public Duration unit() {
        return unit;
    }

    /** The most requests admitted at once (the bucket size). */
    public long burst() {
        return burst;
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

    /** {@link #burst()} as the {@code RateLimit-Limit} field value. */
    AsciiString limitField() {
        return limitField;
    }

    /** {@link #policyItem()} as the {@code RateLimit-Policy} field value. */
    AsciiString policyField() {
        return policyField;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Quota q && q.requests == requests && q.burst == burst && q.unit.equals(unit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requests, unit, burst);
    }

    @Override
    public String toString() {
        return "Quota[requests=" + requests + ", unit=" + unit + ", burst=" + burst + "]";
    }
}
