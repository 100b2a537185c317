package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.ratelimit.RateLimitSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A BackendTrafficPolicy's {@code spec} (Envoy Gateway field names). Every block is optional; an absent
 * block leaves the engine's default.
 *
 * @param targetRefs the Gateways or HTTPRoutes (optionally one rule via sectionName) it applies to, 1..16
 * @param loadBalancer the load balancer, default LeastRequest
 * @param retry retries, default none
 * @param timeout connect and HTTP timeouts
 * @param circuitBreaker connection and request limits
 * @param healthCheck active and passive health checks, default none
 * @param rateLimit local and global rate limits, default none
 */
public record BackendTrafficPolicySpec(List<PolicyTargetReference> targetRefs, @Nullable LoadBalancer loadBalancer,
                                       @Nullable Retry retry, @Nullable BackendTimeout timeout,
                                       @Nullable CircuitBreaker circuitBreaker, @Nullable HealthCheck healthCheck,
                                       @Nullable RateLimitSpec rateLimit) implements PolicySpec {
    public BackendTrafficPolicySpec {
        targetRefs = Checks.list(targetRefs, "targetRefs");
        Checks.check(!targetRefs.isEmpty() && targetRefs.size() <= 16, "targetRefs",
                targetRefs.isEmpty() ? "required (expected: 1..16 entries)" : targetRefs.size() + " entries (expected: 1..16)");
    }
}
