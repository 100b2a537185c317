package io.meshgate.proxy.upstream.cluster;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The four circuit-breaker counters of a cluster. Admission is a compare-and-set loop, so a limit
 * is never exceeded even when every event loop asks at once; a refusal costs nothing to undo.
 */
public final class CircuitBreaker {

    private final CircuitBreakerLimits limits;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    /** Enforces {@code limits}. */
    public CircuitBreaker(CircuitBreakerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits. */
    public CircuitBreakerLimits limits() {
        return limits;
    }

    /** Takes a connection slot, or returns false at the limit. */
    public boolean tryAcquireConnection() {
        return tryAcquire(connections, limits.maxConnections());
    }

    /** Gives a connection slot back. */
    public void releaseConnection() {
        release(connections);
    }

    /** Takes a pending-request slot, or returns false at the limit. */
    public boolean tryAcquirePending() {
        return tryAcquire(pending, limits.maxPendingRequests());
    }

    /** Gives a pending-request slot back. */
    public void releasePending() {
        release(pending);
    }

    /** Takes a request slot, or returns false at the limit. */
    public boolean tryAcquireRequest() {
        return tryAcquire(requests, limits.maxParallelRequests());
    }

    /** Gives a request slot back. */
    public void releaseRequest() {
        release(requests);
    }

    /** Takes a retry slot, or returns false at the limit. */
    public boolean tryAcquireRetry() {
        return tryAcquire(retries, limits.maxParallelRetries());
    }

    /** Gives a retry slot back. */
    public void releaseRetry() {
        release(retries);
    }

    /** Connections counted now. */
    public int connections() {
        return connections.get();
    }

    /** Pending requests counted now. */
    public int pending() {
        return pending.get();
    }

    /** Requests counted now. */
    public int requests() {
        return requests.get();
    }

    /** Retries counted now. */
    public int retries() {
        return retries.get();
    }

    private static boolean tryAcquire(AtomicInteger counter, int max) {
        for (;;) {
            int n = counter.get();
            if (n >= max) {
                return false;
            }
            if (counter.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private static void release(AtomicInteger counter) {
        // A release without an acquire is a caller bug; never let it open the breaker wider than configured.
        counter.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }
}
