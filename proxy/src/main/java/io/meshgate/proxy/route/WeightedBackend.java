package io.meshgate.proxy.route;

import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.upstream.Cluster;
import org.jspecify.annotations.Nullable;

/**
 * One backendRef of a rule.
 *
 * @param name the reference as written ({@code namespace/name}), for logs and errors
 * @param cluster the cluster it resolved to, or null when it resolves to nothing (the Gateway API
 *     says such requests get 500)
 * @param weight relative weight for traffic splitting (expected: &gt;= 0; 0 takes no traffic)
 * @param filters the backendRef's own filters, run after the route's
 */
public record WeightedBackend(String name, @Nullable Cluster cluster, int weight, FilterChain filters) {
    public WeightedBackend {
        if (weight < 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 0)");
        }
    }
}
