package io.meshgate.proxy.snapshot;

import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;

/**
 * Turns the effective {@link BackendTrafficPolicy} of a route rule into what the snapshot runs:
 * the settings of the rule's clusters, its retry policy and its timeouts. The snapshot compiler
 * finds the effective policy (most specific attachment) and calls this; the translation itself
 * belongs to the upstream side (load balancers, health checks, outlier detection, circuit breaker).
 *
 * <p>Methods throw {@link IllegalArgumentException} with a {@code field: reason (expected: ...)}
 * message for a policy that cannot apply; the snapshot is then rejected naming the policy.
 */
public interface TrafficPolicyTranslator {

    /**
     * The config of a cluster for one Backend under {@code policy}.
     *
     * @param base the Backend's plain cluster (its endpoints and connection settings, round robin)
     * @param name the name the cluster must have
     */
    ClusterConfig cluster(ClusterConfig base, String name, BackendTrafficPolicy policy);

    /** The retry policy of a rule under {@code policy}. */
    RetryPolicy retry(BackendTrafficPolicy policy);

    /** The timeouts of a rule: the route's own ({@code rules[].timeouts}) combined with the policy's. */
    RouteTimeouts timeouts(RouteTimeouts route, BackendTrafficPolicy policy);
}
