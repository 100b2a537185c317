package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code BackendTrafficPolicy.circuitBreaker}: limits per backend; requests past them get 503 at once.
 *
 * @param maxConnections most open connections to the backend's endpoints, default 1024
 * @param maxPendingRequests most requests waiting for a connection, default 1024
 * @param maxParallelRequests most requests in flight, default 1024
 * @param maxParallelRetries most retries in flight, default 1024
 * @param maxRequestsPerConnection recycle a connection after this many requests, default unlimited (0)
 */
public record CircuitBreaker(Integer maxConnections, Integer maxPendingRequests, Integer maxParallelRequests,
                             Integer maxParallelRetries, Integer maxRequestsPerConnection) {
    public CircuitBreaker(@Nullable Integer maxConnections, @Nullable Integer maxPendingRequests,
                          @Nullable Integer maxParallelRequests, @Nullable Integer maxParallelRetries,
                          @Nullable Integer maxRequestsPerConnection) {
        this.maxConnections = Checks.atLeast(Checks.orDefault(maxConnections, 1024), 0, "maxConnections");
        this.maxPendingRequests = Checks.atLeast(Checks.orDefault(maxPendingRequests, 1024), 0, "maxPendingRequests");
        this.maxParallelRequests = Checks.atLeast(Checks.orDefault(maxParallelRequests, 1024), 0,
                "maxParallelRequests");
        this.maxParallelRetries = Checks.atLeast(Checks.orDefault(maxParallelRetries, 1024), 0, "maxParallelRetries");
        this.maxRequestsPerConnection = Checks.atLeast(Checks.orDefault(maxRequestsPerConnection, 0), 0,
                "maxRequestsPerConnection");
    }
}
