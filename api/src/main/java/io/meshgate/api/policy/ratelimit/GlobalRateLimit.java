package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code rateLimit.global}: counters shared by every gateway instance through Redis. A request matching
 * several rules counts against each; any exhausted rule rejects it.
 *
 * @param rules the rules, 1..128
 */
public record GlobalRateLimit(List<RateLimitRule> rules) {
    public GlobalRateLimit(@Nullable List<RateLimitRule> rules) {
        this.rules = Checks.list(rules, "rules");
        Checks.check(!this.rules.isEmpty() && this.rules.size() <= 128, "rules",
                this.rules.size() + " entries (expected: 1..128)");
    }
}
