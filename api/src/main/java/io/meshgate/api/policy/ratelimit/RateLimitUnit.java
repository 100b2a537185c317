package io.meshgate.api.policy.ratelimit;

import java.time.Duration;

/** The window of a rate limit; spelled as in YAML. */
public enum RateLimitUnit {
    /** One second. */
    Second(Duration.ofSeconds(1)),
    /** One minute. */
    Minute(Duration.ofMinutes(1)),
    /** One hour. */
    Hour(Duration.ofHours(1)),
    /** One day. */
    Day(Duration.ofDays(1));

    private final Duration window;

    RateLimitUnit(Duration window) {
        this.window = window;
    }

    /** The window's length. */
    public Duration window() {
        return window;
    }
}
