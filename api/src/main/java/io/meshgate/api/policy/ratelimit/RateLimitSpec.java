package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code BackendTrafficPolicy.rateLimit}. Requests over a limit get 429 with {@code Retry-After} and the
 * {@code RateLimit-*} headers.
 *
 * @param type Local or Global; optional (Envoy Gateway deprecated it): when set, the matching block is required
 * @param local per-instance rules, optional
 * @param global cluster-wide rules (Redis), optional; at least one of local and global is required
 */
public record RateLimitSpec(@Nullable RateLimitType type, @Nullable LocalRateLimit local,
                            @Nullable GlobalRateLimit global) {
    public RateLimitSpec {
        if (type == RateLimitType.Local) {
            Checks.check(local != null, "local", "required when type is Local");
        } else if (type == RateLimitType.Global) {
            Checks.check(global != null, "global", "required when type is Global");
        } else {
            Checks.check(local != null || global != null, "local", "required unless global is set");
        }
    }
}
