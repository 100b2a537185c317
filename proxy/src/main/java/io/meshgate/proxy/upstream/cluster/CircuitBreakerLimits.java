package io.meshgate.proxy.upstream.cluster;

/**
 * Circuit-breaker limits of a cluster (Envoy Gateway {@code circuitBreaker}); each counts what is
 * in flight across all event loops of the proxy.
 *
 * @param maxConnections upstream connections open at once (default 1024)
 * @param maxPendingRequests requests waiting for a connection (default 1024)
 * @param maxParallelRequests requests in flight (default 1024)
 * @param maxParallelRetries retries in flight (default 1024)
 */
public record CircuitBreakerLimits(int maxConnections, int maxPendingRequests, int maxParallelRequests,
                                   int maxParallelRetries) {

    /** Envoy's defaults. */
    public static final CircuitBreakerLimits DEFAULTS = new CircuitBreakerLimits(1024, 1024, 1024, 1024);

    public CircuitBreakerLimits {
        nonNegative("maxConnections", maxConnections);
        nonNegative("maxPendingRequests", maxPendingRequests);
        nonNegative("maxParallelRequests", maxParallelRequests);
        nonNegative("maxParallelRetries", maxParallelRetries);
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: >= 0)");
        }
    }
}
