package io.meshgate.proxy.filter.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Where global rate limits keep their buckets.
 *
 * @param url a Redis URL, {@code redis://[:password@]host:port[/db]} or {@code rediss://} for TLS
 * @param timeout the longest a decision may wait for Redis before the failure mode applies (default 250 ms)
 */
public record RedisSettings(String url, Duration timeout) {

    /** The default decision timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("url: " + url + " (expected: redis://host:port or rediss://host:port)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
    }
}
