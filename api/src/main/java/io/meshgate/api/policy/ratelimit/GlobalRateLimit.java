package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code rateLimit.global}: counters shared by every gateway instance through Redis. A request matching
 * several rules counts against each; any exhausted rule rejects it.
 *
 * @param rules the rules, 1..128
 * @param redis the Redis holding the counters, required (meshgate extension: Envoy Gateway sets it
 *     gateway-wide)
 * @param failClosed when Redis cannot decide (down, slower than its timeout): refuse requests with 503
 *     (true) or let them through unlimited (false, the default)
 */
public record GlobalRateLimit(List<RateLimitRule> rules, RedisBackend redis, Boolean failClosed) {
    public GlobalRateLimit(@Nullable List<RateLimitRule> rules, @Nullable RedisBackend redis,
                           @Nullable Boolean failClosed) {
        this.rules = Checks.list(rules, "rules");
        Checks.check(!this.rules.isEmpty() && this.rules.size() <= 128, "rules",
                this.rules.size() + " entries (expected: 1..128)");
        this.redis = Checks.required(redis, "redis");
        this.failClosed = Checks.orDefault(failClosed, false);
    }
}
