package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code rateLimit.local}: counters kept by each gateway instance. A request matching several rules
 * counts against each; the strictest decides.
 *
 * @param rules the rules, 1..16
 */
public record LocalRateLimit(List<RateLimitRule> rules) {
    public LocalRateLimit(@Nullable List<RateLimitRule> rules) {
        this.rules = Checks.list(rules, "rules");
        Checks.check(!this.rules.isEmpty() && this.rules.size() <= 16, "rules",
                this.rules.size() + " entries (expected: 1..16)");
    }
}
