package io.meshgate.proxy.upstream.pool;

/** The cluster's circuit breaker refused a new upstream connection (max connections reached). */
public final class ConnectionLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception for {@code cluster}. */
    public ConnectionLimitException(String cluster) {
        super("max connections reached for cluster " + cluster, null, false, false);
    }
}
