package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.Durations;
import io.meshgate.api.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code rateLimit.global.redis}: the Redis that holds the shared counters. Every policy naming the
 * same URL shares one connection per gateway instance.
 *
 * @param url {@code redis://[:password@]host:port[/db]} or {@code rediss://...} for TLS, required
 * @param timeout the longest a request waits for Redis's decision before the failure mode applies,
 *     default 250ms (expected: 1ms..10s)
 */
public record RedisBackend(String url, Duration timeout) {
    /** The default decision timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

    public RedisBackend(@Nullable String url, @Nullable Duration timeout) {
        this.url = Checks.requiredText(url, "url");
        Checks.check(url.startsWith("redis://") || url.startsWith("rediss://"), "url",
                "\"" + url + "\" (expected: redis://host:port or rediss://host:port)");
        this.timeout = Checks.orDefault(timeout, DEFAULT_TIMEOUT);
        Checks.check(this.timeout.compareTo(Duration.ofMillis(1)) >= 0
                        && this.timeout.compareTo(Duration.ofSeconds(10)) <= 0, "timeout",
                Durations.format(this.timeout) + " (expected: 1ms..10s)");
    }
}
