package io.meshgate.proxy.upstream.health;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What every protocol's probe does alike: a fresh connection per check on one event loop (TLS when
 * the cluster originates it), a TCP check done once connected, and a check whose end, whichever it
 * is (verdict, failure, deadline), closes the connection. The protocol adds its handlers and sends
 * its request.
 */
abstract class ConnectionProbe implements HealthProbe {

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final @Nullable SslContext ssl;
    private final String serverName;
    private final AddressResolverGroup<?> resolver;

    ConnectionProbe(EventLoop loop, Class<? extends Channel> channelType, @Nullable SslContext ssl, String serverName,
                    AddressResolverGroup<?> resolver) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.ssl = ssl;
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Whether checks run over TLS. */
    final boolean tls() {
        return ssl != null;
    }

    /** Adds the protocol's handlers after TLS, for an HTTP check. */
    abstract void addHttpHandlers(ChannelPipeline p, HealthCheckConfig config, CompletableFuture<Boolean> result);

    /** Sends the HTTP check's request on the connected {@code channel}. */
    abstract void sendRequest(Channel channel, Endpoint endpoint, HealthCheckConfig config,
                              CompletableFuture<Boolean> result);

    @Override
    public final CompletableFuture<Boolean> check(Endpoint endpoint, HealthCheckConfig config) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        boolean http = config.type() == HealthCheckConfig.Type.HTTP;
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, config.timeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            String sni = serverName.isEmpty() ? endpoint.host() : serverName;
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), sni, endpoint.port()));
                        }
                        if (http) {
                            addHttpHandlers(ch.pipeline(), config, result);
                        }
                    }
                });
        ChannelFuture connect = b.connect(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()));
        Channel channel = connect.channel();
        result.whenComplete((ok, error) -> channel.close());
        channel.closeFuture().addListener(f -> result.complete(false));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(false);
            } else if (!http) {
                result.complete(true);
            } else {
                sendRequest(channel, endpoint, config, result);
            }
        });
        return result;
    }

    /** Reads the response toward a verdict; a connection that ends or fails first fails the check. */
    abstract static class Verdict<T> extends SimpleChannelInboundHandler<T> {
        final HealthCheckConfig config;
        final CompletableFuture<Boolean> result;

        Verdict(Class<T> type, HealthCheckConfig config, CompletableFuture<Boolean> result) {
            super(type);
            this.config = config;
            this.result = result;
        }

        /** Completes the check with whether {@code status} is one of the expected ones. */
        final void judge(int status) {
            result.complete(config.expectedStatuses().contains(status));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.complete(false);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.complete(false);
            ctx.close();
        }
    }
}
