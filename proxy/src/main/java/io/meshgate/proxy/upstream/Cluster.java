package io.meshgate.proxy.upstream;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A named set of endpoints plus the policies that choose among them and protect them: load
 * balancer, active health checks, passive outlier detection and circuit-breaker limits.
 *
 * <p>Clusters are long-lived: a snapshot that keeps a cluster's config keeps the same instance,
 * so health, ejections and pools survive reloads. All methods are thread-safe and non-blocking.
 * The engine (connections, forwarding) calls them around each try.
 */
public interface Cluster {

    /** The cluster name, {@code namespace/name} of its Backend or Service. */
    String name();

    /** Connection settings toward the endpoints (protocol, TLS, connect/idle timeouts). */
    UpstreamSettings settings();

    /**
     * Picks an endpoint for one try, skipping unhealthy and ejected ones.
     *
     * @return the endpoint, or null when none is available (the engine answers 503)
     */
    @Nullable Endpoint pick(PickContext context);

    /** Admission of a request under the circuit breaker's max-requests limit; false means answer 503. */
    boolean tryAcquireRequest();

    /** Gives back what {@link #tryAcquireRequest()} took. */
    void releaseRequest();

    /**
     * Admission of a request that must wait for an upstream connection (the pool is at its limit
     * or still connecting) under the max-pending-requests limit; false means answer 503.
     */
    default boolean tryAcquirePending() {
        return true;
    }

    /** Gives back what {@link #tryAcquirePending()} took, once the request got a connection or gave up. */
    default void releasePending() {
    }

    /** Admission of a retry under the max-retries limit; false means do not retry. */
    boolean tryAcquireRetry();

    /** Gives back what {@link #tryAcquireRetry()} took. */
    void releaseRetry();

    /** Admission of a new upstream connection under the max-connections limit. */
    boolean tryAcquireConnection();

    /** Gives back what {@link #tryAcquireConnection()} took, when a connection closes. */
    void releaseConnection();

    /** Called when a try starts at {@code endpoint} (least-request and EWMA balancers count these). */
    void onTryStart(Endpoint endpoint);

    /** Called when a try at {@code endpoint} ends; feeds outlier detection and latency-aware balancing. */
    void onTryEnd(Endpoint endpoint, Outcome outcome, long latencyNanos);

    /**
     * Called instead of {@link #onTryEnd} when a try at {@code endpoint} ended for a reason that says
     * nothing about the endpoint: the client went away, the proxy's own circuit breaker refused the
     * connection, or a pooled connection the endpoint had closed while idle was found dead. Only the
     * in-flight count changes; outlier detection does not see it.
     */
    default void onTryCancelled(Endpoint endpoint) {
    }

    /** Each endpoint with its health and ejection state, for the admin listener and metrics. */
    default List<EndpointStatus> endpointStatuses() {
        return List.of();
    }

    /** Stops health checks and timers; called when no snapshot uses this cluster any more. */
    void close();
}
