package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code BackendTrafficPolicy.loadBalancer}.
 *
 * @param type RoundRobin, LeastRequest, Random or ConsistentHash, required (when the policy has no
 *     loadBalancer, the engine uses LeastRequest, as Envoy Gateway does)
 * @param consistentHash required when type is ConsistentHash, absent otherwise
 */
public record LoadBalancer(LoadBalancerType type, @Nullable ConsistentHash consistentHash) {
    public LoadBalancer {
        type = Checks.required(type, "type");
        Checks.check((type == LoadBalancerType.ConsistentHash) == (consistentHash != null), "consistentHash",
                type == LoadBalancerType.ConsistentHash ? "required when type is ConsistentHash"
                        : "must be absent when type is " + type);
    }
}
