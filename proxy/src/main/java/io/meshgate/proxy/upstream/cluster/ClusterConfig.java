package io.meshgate.proxy.upstream.cluster;

import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.health.HealthCheckConfig;
import io.meshgate.proxy.upstream.lb.LoadBalancer;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import io.meshgate.proxy.upstream.outlier.OutlierConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link DefaultCluster} is built from. A value: two equal configs make the same
 * cluster, which is how the {@link ClusterRegistry} keeps a cluster (and its health, ejections and
 * pools) across reloads that do not change it.
 *
 * @param name the cluster name, {@code namespace/name} of its Backend or Service
 * @param endpoints the endpoints, each {@code host:port} at most once
 * @param settings how to connect to them
 * @param loadBalancer how to choose among them
 * @param healthCheck active health checks, or null for none
 * @param outlierDetection passive outlier detection, or null for none
 * @param limits circuit-breaker limits
 */
public record ClusterConfig(String name, List<Endpoint> endpoints, UpstreamSettings settings,
                            LoadBalancer loadBalancer, @Nullable HealthCheckConfig healthCheck,
                            @Nullable OutlierConfig outlierDetection, CircuitBreakerLimits limits) {

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
        Objects.requireNonNull(limits, "limits");
        Set<String> seen = new HashSet<>();
        for (Endpoint e : endpoints) {
            if (!seen.add(e.host() + ":" + e.port())) {
                throw new IllegalArgumentException("endpoints: " + e.authority() + " listed twice (expected: unique host:port)");
            }
        }
    }

    /**
     * A cluster of {@code endpoints} with the defaults of Envoy Gateway: least request, default
     * connection settings and limits, no health checks, no outlier detection.
     */
    public static ClusterConfig of(String name, List<Endpoint> endpoints) {
        return new ClusterConfig(name, endpoints, UpstreamSettings.DEFAULT, LoadBalancers.leastRequest(), null, null,
                CircuitBreakerLimits.DEFAULTS);
    }

    /** This config with another load balancer. */
    public ClusterConfig withLoadBalancer(LoadBalancer lb) {
        return new ClusterConfig(name, endpoints, settings, lb, healthCheck, outlierDetection, limits);
    }

    /** This config with active health checks. */
    public ClusterConfig withHealthCheck(@Nullable HealthCheckConfig hc) {
        return new ClusterConfig(name, endpoints, settings, loadBalancer, hc, outlierDetection, limits);
    }

    /** This config with outlier detection. */
    public ClusterConfig withOutlierDetection(@Nullable OutlierConfig od) {
        return new ClusterConfig(name, endpoints, settings, loadBalancer, healthCheck, od, limits);
    }

    /** This config with other circuit-breaker limits. */
    public ClusterConfig withLimits(CircuitBreakerLimits l) {
        return new ClusterConfig(name, endpoints, settings, loadBalancer, healthCheck, outlierDetection, l);
    }

    /** This config with other connection settings. */
    public ClusterConfig withSettings(UpstreamSettings s) {
        return new ClusterConfig(name, endpoints, s, loadBalancer, healthCheck, outlierDetection, limits);
    }
}
