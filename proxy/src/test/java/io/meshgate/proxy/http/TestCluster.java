package io.meshgate.proxy.http;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.UpstreamSettings;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A minimal cluster for engine tests: round robin over fixed endpoints (avoiding ones already
 * tried when possible), optional request/connection/retry limits, and a log of try outcomes.
 */
final class TestCluster implements Cluster {

    private final String name;
    private final List<Endpoint> endpoints;
    private final UpstreamSettings settings;
    private final AtomicInteger next = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger activeTries = new AtomicInteger();
    final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    volatile int maxRequests = Integer.MAX_VALUE;
    volatile int maxRetries = Integer.MAX_VALUE;
    volatile int maxConnections = Integer.MAX_VALUE;

    TestCluster(String name, UpstreamSettings settings, List<Endpoint> endpoints) {
        this.name = name;
        this.settings = settings;
        this.endpoints = List.copyOf(endpoints);
    }

    static TestCluster of(String name, int... ports) {
        return of(name, UpstreamSettings.DEFAULT, ports);
    }

    static TestCluster of(String name, UpstreamSettings settings, int... ports) {
        Endpoint[] eps = new Endpoint[ports.length];
        for (int i = 0; i < ports.length; i++) {
            eps[i] = new Endpoint("127.0.0.1", ports[i], 1);
        }
        return new TestCluster(name, settings, List.of(eps));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UpstreamSettings settings() {
        return settings;
    }

    @Override
    public @Nullable Endpoint pick(PickContext context) {
        if (endpoints.isEmpty()) {
            return null;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
            if (!context.tried().contains(e)) {
                return e;
            }
        }
        return endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
    }

    @Override
    public boolean tryAcquireRequest() {
        if (requests.incrementAndGet() > maxRequests) {
            requests.decrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void releaseRequest() {
        requests.decrementAndGet();
    }

    @Override
    public boolean tryAcquireRetry() {
        if (retries.incrementAndGet() > maxRetries) {
            retries.decrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void releaseRetry() {
        retries.decrementAndGet();
    }

    @Override
    public boolean tryAcquireConnection() {
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void releaseConnection() {
        connections.decrementAndGet();
    }

    @Override
    public void onTryStart(Endpoint endpoint) {
        activeTries.incrementAndGet();
    }

    @Override
    public void onTryEnd(Endpoint endpoint, Outcome outcome, long latencyNanos) {
        activeTries.decrementAndGet();
        outcomes.add(outcome);
    }

    @Override
    public void close() {
    }
}
