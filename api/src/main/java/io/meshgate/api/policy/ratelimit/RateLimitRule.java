package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rate limit rule: which requests count ({@code clientSelectors}) and how many are allowed ({@code limit}).
 *
 * @param clientSelectors selectors (all must hold), at most 8; default none: every request of the target counts
 * @param limit the limit, required
 * @param shared when the policy targets several routes (a Gateway), whether they share one set of buckets
 *     (true) or each route counts on its own (false, the default), as in Envoy Gateway
 */
public record RateLimitRule(List<RateLimitSelectCondition> clientSelectors, RateLimitValue limit, Boolean shared) {
    public RateLimitRule(@Nullable List<RateLimitSelectCondition> clientSelectors, @Nullable RateLimitValue limit,
                         @Nullable Boolean shared) {
        this.clientSelectors = Checks.list(clientSelectors, "clientSelectors");
        Checks.check(this.clientSelectors.size() <= 8, "clientSelectors",
                this.clientSelectors.size() + " entries (expected: at most 8)");
        this.limit = Checks.required(limit, "limit");
        this.shared = Checks.orDefault(shared, false);
    }
}
