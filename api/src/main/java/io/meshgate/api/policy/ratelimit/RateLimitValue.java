package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code limit}: how many requests per unit.
 *
 * @param requests requests allowed per unit, required (>= 0; 0 rejects every matching request)
 * @param unit Second, Minute, Hour or Day, required
 * @param burst the most requests admitted at once (the token bucket's size; meshgate extension), default
 *     {@code requests}; the bucket refills at {@code requests} per {@code unit} (expected: >= 1)
 */
public record RateLimitValue(Long requests, RateLimitUnit unit, @Nullable Long burst) {
    public RateLimitValue {
        requests = Checks.atLeast(Checks.required(requests, "requests"), 0L, "requests");
        unit = Checks.required(unit, "unit");
        if (burst != null) {
            Checks.atLeast(burst, 1L, "burst");
        }
    }

    /** The bucket size: {@code burst}, or {@code requests} when absent. */
    public long bucketSize() {
        return burst != null ? burst : requests;
    }
}
