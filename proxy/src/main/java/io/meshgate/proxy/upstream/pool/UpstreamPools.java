package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.telemetry.ProxyListener;
import io.meshgate.proxy.tls.UpstreamTlsContexts;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * All upstream connection pools of one proxy: per event loop, per cluster, per endpoint (Zuul's
 * layout). An exchange only ever uses the pools of its own event loop, so pools need no locks and
 * both sides of a proxied exchange stay on one thread.
 */
public final class UpstreamPools implements AutoCloseable {

    private final Map<EventExecutor, LoopPools> byLoop;
    private final Connector connector;
    private final AddressResolverGroup<InetSocketAddress> resolver;

    /**
     * Pools for the loops of {@code group}.
     *
     * @param group the event loops exchanges run on
     * @param socketChannelClass channel class for upstream connections (epoll or NIO)
     * @param datagramChannelClass channel class for DNS queries
     * @param tls client TLS contexts
     * @param listener told of each connection opened and closed
     */
    public UpstreamPools(EventLoopGroup group, Class<? extends SocketChannel> socketChannelClass,
                         Class<? extends DatagramChannel> datagramChannelClass, UpstreamTlsContexts tls,
                         ProxyListener listener) {
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder().datagramChannelType(datagramChannelClass));
        this.connector = new Connector(socketChannelClass, tls, listener, resolver);
        Map<EventExecutor, LoopPools> m = new IdentityHashMap<>();
        for (EventExecutor e : group) {
            m.put(e, new LoopPools((EventLoop) e));
        }
        this.byLoop = m; // never changed after construction: safe to read from every loop
    }

    /**
     * A stream to {@code endpoint} of {@code cluster} for one exchange running on {@code loop}.
     * Must be called on {@code loop}. Fails with {@link ConnectionLimitException} when the cluster's
     * circuit breaker refuses a new connection, or with the connect/TLS error.
     */
    public Future<UpstreamStream> acquire(EventLoop loop, Cluster cluster, Endpoint endpoint) {
        LoopPools pools = byLoop.get(loop);
        if (pools == null) {
            throw new IllegalArgumentException("not an event loop of this proxy: " + loop);
        }
        return pools.pool(cluster, endpoint).acquire();
    }

    /** Closes, on every loop, the pools of clusters not in {@code live} (after a snapshot swap). */
    public void retainOnly(Set<Cluster> live) {
        Set<Cluster> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(live);
        for (LoopPools p : byLoop.values()) {
            p.loop.execute(() -> p.retainOnly(keep));
        }
    }

    @Override
    public void close() {
        for (LoopPools p : byLoop.values()) {
            if (!p.loop.isShuttingDown()) {
                p.loop.execute(() -> p.retainOnly(Set.of()));
            }
        }
        resolver.close();
    }

    /** The pools of one loop; touched only by that loop. */
    private final class LoopPools {
        final EventLoop loop;
        final Map<Cluster, Map<Endpoint, EndpointPool>> byCluster = new IdentityHashMap<>();

        LoopPools(EventLoop loop) {
            this.loop = loop;
        }

        EndpointPool pool(Cluster cluster, Endpoint endpoint) {
            Map<Endpoint, EndpointPool> m = byCluster.get(cluster);
            if (m == null) {
                m = new HashMap<>();
                byCluster.put(cluster, m);
            }
            EndpointPool p = m.get(endpoint);
            if (p == null) {
                p = cluster.settings().protocol() == UpstreamProtocol.HTTP1
                        ? new Http1Pool(loop, cluster, endpoint, connector)
                        : new Http2Pool(loop, cluster, endpoint, connector);
                m.put(endpoint, p);
            }
            return p;
        }

        void retainOnly(Set<Cluster> keep) {
            byCluster.entrySet().removeIf(e -> {
                if (keep.contains(e.getKey())) {
                    return false;
                }
                e.getValue().values().forEach(EndpointPool::close);
                return true;
            });
        }
    }
}
