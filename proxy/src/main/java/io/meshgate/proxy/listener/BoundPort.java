package io.meshgate.proxy.listener;

import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.telemetry.ProxyListener;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One listening socket and its connections. The port's config is swapped in place on reload
 * ({@link #config(ListenerPort)}); new requests on existing connections read the new one.
 */
public final class BoundPort {

    private final String key;
    private final ProxyListener listener;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger open = new AtomicInteger();
    private volatile ListenerPort config;
    private @Nullable Channel serverChannel;

    /** A port for {@code config}, not bound yet. */
    public BoundPort(ListenerPort config, ProxyListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.key = keyOf(config);
    }

    /** Identity of a port across snapshots: {@code address:port} as configured. */
    public static String keyOf(ListenerPort p) {
        return p.address() + ":" + p.port();
    }

    /** {@code address:port} as configured. */
    public String key() {
        return key;
    }

    /** The config in force now. */
    public ListenerPort config() {
        return config;
    }

    /** Replaces the config (reload); takes effect for the next request and connection. */
    public void config(ListenerPort next) {
        this.config = Objects.requireNonNull(next, "next");
    }

    /** Records the listening channel once bound. */
    public void serverChannel(Channel channel) {
        this.serverChannel = channel;
    }

    /** The address actually bound (with the real port when configured as 0), or null before bind. */
    public @Nullable InetSocketAddress localAddress() {
        Channel c = serverChannel;
        return c == null ? null : (InetSocketAddress) c.localAddress();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Admits {@code ch} under the max-connections limit; false means close it at once. */
    boolean admit(Channel ch) {
        int n = open.incrementAndGet();
        if (n > config.limits().maxConnections()) {
            open.decrementAndGet();
            listener.onRejected("max_connections");
            return false;
        }
        connections.add(ch);
        int port = config.port();
        listener.onDownstreamConnection(port, 1);
        ch.closeFuture().addListener(f -> {
            open.decrementAndGet();
            listener.onDownstreamConnection(port, -1);
        });
        return true;
    }

    /** Stops accepting; open connections stay and finish their exchanges. */
    public void unbind() {
        Channel c = serverChannel;
        if (c != null) {
            c.close().awaitUninterruptibly();
        }
    }

    /** Stops accepting and closes every connection. */
    public void closeAll() {
        unbind();
        connections.close().awaitUninterruptibly();
    }
}
