package io.meshgate.proxy.server;

import io.meshgate.proxy.http.EngineServices;
import io.meshgate.proxy.listener.BoundPort;
import io.meshgate.proxy.listener.ListenerInitializer;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.snapshot.SnapshotHolder;
import io.meshgate.proxy.tls.UpstreamTlsContexts;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.pool.UpstreamPools;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-plane server: binds every {@link ListenerPort} of the current snapshot and follows
 * snapshot swaps (new ports bound, removed ports unbound while their open connections finish,
 * kept ports switched to the new routes for their next request). Downstream and upstream
 * connections share one set of event loops: an exchange runs entirely on its client's loop.
 *
 * <pre>{@code
 * ProxyServer server = new ProxyServer(holder, ProxyServerOptions.defaults());
 * server.start();
 * int port = server.localPort("127.0.0.1", 0);
 * }</pre>
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final SnapshotHolder holder;
    private final ProxyServerOptions options;
    private final Map<String, BoundPort> ports = new LinkedHashMap<>();
    private @Nullable Transport transport;
    private @Nullable EventLoopGroup group;
    private @Nullable EngineServices services;
    private boolean started;
    private boolean closed;

    /** A server following {@code holder}; nothing is bound until {@link #start()}. */
    public ProxyServer(SnapshotHolder holder, ProxyServerOptions options) {
        this.holder = Objects.requireNonNull(holder, "holder");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Starts the event loops and binds the current snapshot's ports.
     *
     * @throws IllegalStateException when a port cannot be bound (the server is closed again)
     */
    public synchronized ProxyServer start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        Transport t = options.preferNativeTransport() ? Transport.best() : Transport.nio();
        transport = t;
        EventLoopGroup g = t.newGroup(options.eventLoopThreads());
        group = g;
        UpstreamPools pools = new UpstreamPools(g, t.socketChannelClass(), t.datagramChannelClass(),
                new UpstreamTlsContexts(options.upstreamTrust()), options.listener());
        services = new EngineServices(options.listener(), pools);
        try {
            apply(holder.current(), true);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        holder.subscribe(s -> apply(s, false));
        log.info("proxy started on {} with {} event loops, ports {}", t.name(), options.eventLoopThreads(), ports.keySet());
        return this;
    }

    private synchronized void apply(ProxySnapshot snapshot, boolean failOnBindError) {
        if (closed) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (ListenerPort p : snapshot.ports()) {
            String key = BoundPort.keyOf(p);
            wanted.add(key);
            BoundPort bound = ports.get(key);
            if (bound != null) {
                bound.config(p);
                continue;
            }
            try {
                ports.put(key, bind(p));
            } catch (RuntimeException e) {
                if (failOnBindError) {
                    throw e;
                }
                log.error("cannot bind {}: {}", key, e.getMessage());
            }
        }
        for (var it = ports.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.contains(e.getKey())) {
                e.getValue().unbind(); // open connections drain on their own
                it.remove();
            }
        }
        Set<Cluster> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        live.addAll(snapshot.clusters().values());
        Objects.requireNonNull(services).pools().retainOnly(live);
    }

    private BoundPort bind(ListenerPort p) {
        BoundPort bound = new BoundPort(p, options.listener());
        Transport t = Objects.requireNonNull(transport);
        ServerBootstrap b = new ServerBootstrap()
                .group(Objects.requireNonNull(group))
                .channel(t.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ListenerInitializer(bound, Objects.requireNonNull(services)));
        try {
            Channel ch = b.bind(new InetSocketAddress(p.address(), p.port())).sync().channel();
            bound.serverChannel(ch);
            return bound;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + bound.key(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot bind " + bound.key() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The port actually bound for the listener configured as {@code address:configuredPort}
     * (useful with port 0 in tests).
     *
     * @throws IllegalArgumentException when no such listener is bound
     */
    public synchronized int localPort(String address, int configuredPort) {
        BoundPort p = ports.get(address + ":" + configuredPort);
        InetSocketAddress a = p == null ? null : p.localAddress();
        if (a == null) {
            throw new IllegalArgumentException("no listener bound for " + address + ":" + configuredPort
                    + " (bound: " + ports.keySet() + ")");
        }
        return a.getPort();
    }

    /** Addresses bound now. */
    public synchronized List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (BoundPort p : ports.values()) {
            InetSocketAddress a = p.localAddress();
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** The transport in use ({@code epoll} or {@code nio}), once started. */
    public @Nullable String transportName() {
        Transport t = transport;
        return t == null ? null : t.name();
    }

    /** Closes every listener and connection and stops the event loops. */
    @Override
    public void close() {
        List<BoundPort> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(ports.values());
            ports.clear();
        }
        for (BoundPort p : toClose) {
            p.closeAll();
        }
        if (services != null) {
            services.pools().close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
