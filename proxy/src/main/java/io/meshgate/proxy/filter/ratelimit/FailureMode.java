package io.meshgate.proxy.filter.ratelimit;

/** What a global rate limit does when Redis cannot decide (down, slow past the timeout, erroring). */
public enum FailureMode {
    /** Let the request through, unlimited (the default: an outage of Redis is not an outage of the API). */
    OPEN,
    /** Refuse the request with 503 and {@code Retry-After}. */
    CLOSED
}
