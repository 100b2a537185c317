package io.meshgate.api.policy.ratelimit;

/** Where rate limit counters live; spelled as in YAML. */
public enum RateLimitType {
    /** Counters per gateway instance. */
    Local,
    /** Counters shared by every instance through Redis. */
    Global
}
