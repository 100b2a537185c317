package io.meshgate.proxy.upstream;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint of a cluster together with its live state: requests in flight, the verdict of
 * active health checks and whether outlier detection ejected it.
 *
 * <p>A cluster creates its hosts once and keeps them for its whole life; immutable
 * {@link EndpointSet}s refer to them. The two availability flags are written by the health
 * checker and the outlier detector, which then ask the cluster to publish a new set: the pick
 * path reads only the set, never these flags.
 */
public final class Host {

    private final Endpoint endpoint;
    private final int index;
    private final AtomicInteger activeRequests = new AtomicInteger();
    private volatile boolean failedHealthCheck;
    private volatile boolean ejected;

    /**
     * Creates the state of {@code endpoint}.
     *
     * @param index position of the endpoint in its cluster (expected: &gt;= 0), used by per-host tables
     */
    public Host(Endpoint endpoint, int index) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        this.index = index;
    }

    /** The endpoint. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Position of this host in its cluster, stable for the cluster's life. */
    public int index() {
        return index;
    }

    /** The endpoint's load-balancing weight. */
    public int weight() {
        return endpoint.weight();
    }

    /** Tries in flight at this host (least-request balancing). */
    public int activeRequests() {
        return activeRequests.get();
    }

    /** Counts a try that started. */
    public void tryStarted() {
        activeRequests.incrementAndGet();
    }

    /** Counts a try that ended; never goes below zero even if the engine reports an end twice. */
    public void tryEnded() {
        activeRequests.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    /** Whether active health checks currently consider this host unhealthy. */
    public boolean failedHealthCheck() {
        return failedHealthCheck;
    }

    /** Records the active health-check verdict. */
    public void failedHealthCheck(boolean failed) {
        this.failedHealthCheck = failed;
    }

    /** Whether outlier detection currently ejects this host. */
    public boolean ejected() {
        return ejected;
    }

    /** Records an ejection or its end. */
    public void ejected(boolean ejected) {
        this.ejected = ejected;
    }

    /** Whether the host may receive traffic: healthy and not ejected. */
    public boolean available() {
        return !failedHealthCheck && !ejected;
    }

    @Override
    public String toString() {
        return endpoint.authority() + (failedHealthCheck ? " unhealthy" : "") + (ejected ? " ejected" : "");
    }
}
