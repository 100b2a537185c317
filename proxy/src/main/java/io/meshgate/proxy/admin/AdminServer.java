package io.meshgate.proxy.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener: HTTP/1.1 on an address of its own ({@value #DEFAULT_HOST}:{@value #DEFAULT_PORT} by
 * default), never on a data-plane listener. It runs on one event-loop thread of its own, so
 * neither admin traffic nor metric rendering competes with proxied requests.
 *
 * <ul>
 *   <li>{@code GET /ready}: 200 once the proxy serves its first snapshot, 503 before</li>
 *   <li>{@code GET /metrics}: Prometheus text format 0.0.4</li>
 *   <li>{@code GET /config}: the snapshot version and the resources it runs, as JSON</li>
 *   <li>{@code GET /clusters}: each cluster's endpoints with health and ejection state, as JSON</li>
 * </ul>
 */
public final class AdminServer implements AutoCloseable {

    /** Default bind host: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port, Envoy's admin port. */
    public static final int DEFAULT_PORT = 9901;

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_REQUEST_BYTES = 8 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds the admin listener to {@code address} (port 0 picks a free port) and starts serving.
     *
     * @throws IllegalStateException when the address cannot be bound (the message names it)
     */
    public static AdminServer start(InetSocketAddress address, AdminSources sources) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sources, "sources");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AdminHandler handler = new AdminHandler(sources);
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline()
                                    // An idle or stalled admin client must not hold a socket forever.
                                    .addLast("timeout", new ReadTimeoutHandler(60, TimeUnit.SECONDS))
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast("admin", handler);
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
            AdminServer server = new AdminServer(group, ch);
            if (!server.address().getAddress().isLoopbackAddress()) {
                log.warn("admin listener on {} is reachable beyond this host; it has no authentication",
                        server.address());
            }
            log.info("admin listener on http://{}:{}", server.address().getHostString(), server.port());
            return server;
        } catch (Exception e) { // Netty rethrows the bind's checked exception undeclared
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot bind the admin listener to " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** Stops listening and waits (briefly) for the admin thread to end. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
