package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.telemetry.ProxyListener;
import io.meshgate.proxy.tls.UpstreamTlsContexts;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * Opens upstream connections on a given event loop: TCP (with the cluster's connect timeout),
 * then TLS when the cluster asks for it. The returned future completes once the connection is
 * ready for requests (after the TLS handshake). Counts connections toward the circuit breaker and
 * reports them to telemetry.
 */
final class Connector {

    private final Class<? extends SocketChannel> channelClass;
    private final UpstreamTlsContexts tls;
    private final ProxyListener listener;
    private final AddressResolverGroup<InetSocketAddress> resolver;

    Connector(Class<? extends SocketChannel> channelClass, UpstreamTlsContexts tls, ProxyListener listener,
              AddressResolverGroup<InetSocketAddress> resolver) {
        this.channelClass = channelClass;
        this.tls = tls;
        this.listener = listener;
        this.resolver = resolver;
    }

    /**
     * Connects to {@code endpoint}; {@code pipeline} adds the protocol handlers after TLS.
     * The caller has already taken a connection permit from the cluster; it is given back when
     * the connection closes (or fails to open).
     */
    Future<Channel> connect(EventLoop loop, Cluster cluster, Endpoint endpoint, Consumer<Channel> pipeline) {
        UpstreamSettings settings = cluster.settings();
        Promise<Channel> ready = loop.newPromise();
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, settings.connectTimeout().toMillis())))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (settings.tls()) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), settings, endpoint.host(),
                                    endpoint.port()));
                        }
                        pipeline.accept(ch);
                    }
                });
        ChannelFuture cf = b.connect(address(endpoint));
        listener.onUpstreamConnection(cluster, endpoint, 1);
        cf.channel().closeFuture().addListener(f -> {
            cluster.releaseConnection();
            listener.onUpstreamConnection(cluster, endpoint, -1);
        });
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            SslHandler ssl = cf.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.trySuccess(cf.channel());
                return;
            }
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    ready.trySuccess(cf.channel());
                } else {
                    cf.channel().close();
                    ready.tryFailure(h.cause());
                }
            });
        });
        return ready;
    }

    /** An IP literal becomes a resolved address without any lookup; names go to the async resolver. */
    private static InetSocketAddress address(Endpoint endpoint) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(endpoint.host());
        if (ip != null) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(endpoint.host(), ip), endpoint.port());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen for a 4- or 16-byte array
            }
        }
        return InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port());
    }
}
