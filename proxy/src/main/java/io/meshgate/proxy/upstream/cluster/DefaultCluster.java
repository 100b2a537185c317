package io.meshgate.proxy.upstream.cluster;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.EndpointSet;
import io.meshgate.proxy.upstream.EndpointStatus;
import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.Scheduler;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.health.HealthChecker;
import io.meshgate.proxy.upstream.lb.LoadBalancer;
import io.meshgate.proxy.upstream.outlier.OutlierDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The standard {@link Cluster}: a fixed list of hosts, a load balancer over those currently
 * available, active health checks, outlier detection and a circuit breaker.
 *
 * <p>Picking reads one {@link AtomicReference} to the current {@link EndpointSet} and its
 * precomputed picker: no lock, no allocation. Health checks and ejections change flags on the
 * hosts and then publish a whole new set (under a lock, off the pick path).
 */
public final class DefaultCluster implements Cluster {

    private final ClusterConfig config;
    private final List<Host> hosts;
    private final Map<Endpoint, Host> byEndpoint;
    private final CircuitBreaker breaker;
    private final @Nullable HealthChecker healthChecker;
    private final @Nullable OutlierDetector outlierDetector;
    private final AtomicReference<Balanced> current = new AtomicReference<>();
    private final Object publishLock = new Object();
    private long version;

    /**
     * Builds a cluster; its timers start with {@link #start()}.
     *
     * @param runtime where timers and health checks run
     */
    public DefaultCluster(ClusterConfig config, ClusterRuntime runtime) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runtime, "runtime");
        List<Host> list = new ArrayList<>(config.endpoints().size());
        Map<Endpoint, Host> map = new HashMap<>();
        for (Endpoint e : config.endpoints()) {
            Host h = new Host(e, list.size());
            list.add(h);
            map.put(e, h);
        }
        this.hosts = List.copyOf(list);
        this.byEndpoint = Map.copyOf(map);
        this.breaker = new CircuitBreaker(config.limits());
        Scheduler scheduler = config.healthCheck() != null || config.outlierDetection() != null
                ? runtime.scheduler() : null;
        this.healthChecker = config.healthCheck() == null || scheduler == null ? null
                : new HealthChecker(config.name(), config.healthCheck(), hosts, scheduler,
                        runtime.healthProbe(scheduler, config.settings()), this::publish);
        this.outlierDetector = config.outlierDetection() == null || scheduler == null ? null
                : new OutlierDetector(config.name(), config.outlierDetection(), hosts, scheduler, this::publish);
        publish();
    }

    /** Starts health checks and the outlier review timer. */
    public void start() {
        if (healthChecker != null) {
            healthChecker.start();
        }
        if (outlierDetector != null) {
            outlierDetector.start();
        }
    }

    /** The config this cluster was built from. */
    public ClusterConfig config() {
        return config;
    }

    /** The endpoint set in force now. */
    public EndpointSet endpointSet() {
        return current.get().set();
    }

    /** The circuit breaker, for its counters. */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public UpstreamSettings settings() {
        return config.settings();
    }

    @Override
    public @Nullable Endpoint pick(PickContext context) {
        Host h = current.get().picker().pick(context);
        return h == null ? null : h.endpoint();
    }

    @Override
    public boolean tryAcquireRequest() {
        return breaker.tryAcquireRequest();
    }

    @Override
    public void releaseRequest() {
        breaker.releaseRequest();
    }

    @Override
    public boolean tryAcquirePending() {
        return breaker.tryAcquirePending();
    }

    @Override
    public void releasePending() {
        breaker.releasePending();
    }

    @Override
    public boolean tryAcquireRetry() {
        return breaker.tryAcquireRetry();
    }

    @Override
    public void releaseRetry() {
        breaker.releaseRetry();
    }

    @Override
    public boolean tryAcquireConnection() {
        return breaker.tryAcquireConnection();
    }

    @Override
    public void releaseConnection() {
        breaker.releaseConnection();
    }

    @Override
    public void onTryStart(Endpoint endpoint) {
        Host h = byEndpoint.get(endpoint);
        if (h != null) {
            h.tryStarted();
        }
    }

    @Override
    public void onTryEnd(Endpoint endpoint, Outcome outcome, long latencyNanos) {
        Host h = byEndpoint.get(endpoint);
        if (h == null) {
            return;
        }
        h.tryEnded();
        if (outlierDetector != null) {
            outlierDetector.record(h, outcome);
        }
    }

    @Override
    public void onTryCancelled(Endpoint endpoint) {
        Host h = byEndpoint.get(endpoint);
        if (h != null) {
            h.tryEnded();
        }
    }

    @Override
    public List<EndpointStatus> endpointStatuses() {
        List<EndpointStatus> out = new ArrayList<>(hosts.size());
        for (Host h : hosts) {
            out.add(new EndpointStatus(h.endpoint(), !h.failedHealthCheck(), h.ejected(), h.activeRequests()));
        }
        return out;
    }

    @Override
    public void close() {
        if (healthChecker != null) {
            healthChecker.close();
        }
        if (outlierDetector != null) {
            outlierDetector.close();
        }
    }

    /** Builds a new endpoint set from the hosts' flags and swaps it in with its picker. */
    private void publish() {
        synchronized (publishLock) {
            EndpointSet set = EndpointSet.of(++version, hosts);
            LoadBalancer lb = config.loadBalancer();
            current.set(new Balanced(set, lb.picker(set.available())));
        }
    }

    @Override
    public String toString() {
        return "DefaultCluster[" + config.name() + ", " + endpointSet() + "]";
    }

    /** An endpoint set with the picker precomputed for its available hosts. */
    private record Balanced(EndpointSet set, LoadBalancer.Picker picker) {
    }
}
