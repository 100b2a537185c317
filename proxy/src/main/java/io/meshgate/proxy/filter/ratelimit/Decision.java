package io.meshgate.proxy.filter.ratelimit;

import java.util.Objects;

/**
 * The answer of a rate limiter for one request, with what the client is told in the
 * {@code RateLimit-*} and {@code Retry-After} fields: the state of the tightest bucket the request
 * touched (the fewest tokens left, or the one that refused it).
 *
 * @param allowed whether the request may go on
 * @param quota the quota of the tightest bucket
 * @param remaining tokens left in that bucket after this request (0 when refused)
 * @param resetNanos time until that bucket is full again
 * @param retryAfterNanos when refused, time until a request would be admitted; else 0
 */
public record Decision(boolean allowed, Quota quota, long remaining, long resetNanos, long retryAfterNanos) {

    public Decision {
        Objects.requireNonNull(quota, "quota");
    }
}
