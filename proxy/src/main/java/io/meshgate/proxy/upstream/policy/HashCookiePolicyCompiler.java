package io.meshgate.proxy.upstream.policy;

import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.ConsistentHash;
import io.meshgate.api.policy.ConsistentHashType;
import io.meshgate.api.policy.LoadBalancer;
import io.meshgate.api.policy.LoadBalancerType;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import java.util.List;

/**
 * Adds a {@link HashCookieFilter} to the rules of a BackendTrafficPolicy that balances by a
 * cookie with a {@code ttl}, so that clients without the cookie get one. The balancing itself is
 * the cluster's ({@link BackendTrafficPolicyTranslator}).
 */
public final class HashCookiePolicyCompiler implements PolicyCompiler<BackendTrafficPolicy> {

    @Override
    public Class<BackendTrafficPolicy> policyType() {
        return BackendTrafficPolicy.class;
    }

    @Override
    public List<HttpFilter> filters(BackendTrafficPolicy policy, PolicyContext context) {
        LoadBalancer lb = policy.spec().loadBalancer();
        if (lb == null || lb.type() != LoadBalancerType.ConsistentHash) {
            return List.of();
        }
        ConsistentHash ch = lb.consistentHash();
        if (ch == null || ch.type() != ConsistentHashType.Cookie || ch.cookie() == null || ch.cookie().ttl() == null) {
            return List.of();
        }
        return List.of(new HashCookieFilter(ch.cookie().name(), ch.cookie().ttl(), ch.cookie().attributes()));
    }
}
