package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code limit}: how many requests per unit.
 *
 * @param requests requests allowed per unit, required (>= 0; 0 rejects every matching request)
 * @param unit Second, Minute, Hour or Day, required
 */
public record RateLimitValue(Long requests, RateLimitUnit unit) {
    public RateLimitValue {
        requests = Checks.atLeast(Checks.required(requests, "requests"), 0L, "requests");
        unit = Checks.required(unit, "unit");
    }
}
