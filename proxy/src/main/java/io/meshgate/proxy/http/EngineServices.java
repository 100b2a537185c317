package io.meshgate.proxy.http;

import io.meshgate.proxy.telemetry.ProxyListener;
import io.meshgate.proxy.upstream.pool.UpstreamPools;
import java.util.Objects;

/**
 * What every exchange of one proxy server shares: telemetry and the upstream pools.
 *
 * @param listener told of each finished exchange
 * @param pools upstream connection pools (per event loop inside)
 */
public record EngineServices(ProxyListener listener, UpstreamPools pools) {
    public EngineServices {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(pools, "pools");
    }
}
