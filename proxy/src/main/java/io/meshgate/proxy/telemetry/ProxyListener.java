package io.meshgate.proxy.telemetry;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;

/**
 * Observes the engine: finished exchanges and upstream connection churn. Implemented by metrics
 * and access logging. Called on event loops: implementations must be fast and never block.
 */
public interface ProxyListener {

    /** Does nothing. */
    ProxyListener NOOP = new ProxyListener() { };

    /** An exchange finished (successfully or not). */
    default void onExchange(ExchangeRecord record) {
    }

    /** A downstream connection was accepted (+1) or closed (-1) on {@code port}. */
    default void onDownstreamConnection(int port, int delta) {
    }

    /** An upstream connection to {@code endpoint} of {@code cluster} was opened (+1) or closed (-1). */
    default void onUpstreamConnection(Cluster cluster, Endpoint endpoint, int delta) {
    }

    /** A request was refused at admission: {@code reason} is a response flag of {@link ExchangeRecord}. */
    default void onRejected(String reason) {
    }
}
