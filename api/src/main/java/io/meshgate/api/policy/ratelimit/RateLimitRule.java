package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rate limit rule: which requests count ({@code clientSelectors}) and how many are allowed ({@code limit}).
 *
 * @param clientSelectors selectors (all must hold), at most 8; default none: every request of the target counts
 * @param limit the limit, required
 */
public record RateLimitRule(List<RateLimitSelectCondition> clientSelectors, RateLimitValue limit) {
    public RateLimitRule(@Nullable List<RateLimitSelectCondition> clientSelectors, @Nullable RateLimitValue limit) {
        this.clientSelectors = Checks.list(clientSelectors, "clientSelectors");
        Checks.check(this.clientSelectors.size() <= 8, "clientSelectors",
                this.clientSelectors.size() + " entries (expected: at most 8)");
        this.limit = Checks.required(limit, "limit");
    }
}
