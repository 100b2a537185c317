package io.meshgate.proxy.upstream.health;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Health checks of endpoints that speak only HTTP/2: h2c with prior knowledge, or h2 over TLS
 * (the TLS context must offer ALPN {@code h2}). Each check opens a connection, sends one request
 * on one stream and judges the {@code :status} of the response head; everything is a Netty
 * callback on one event loop, and cancellation closes the connection.
 */
public final class Http2HealthProbe implements HealthProbe {

    private static final ChannelInitializer<Http2StreamChannel> REFUSE_STREAMS = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel ch) {
            ch.close();
        }
    };

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final @Nullable SslContext ssl;
    private final String serverName;
    private final AddressResolverGroup<?> resolver;

    /**
     * Creates a probe.
     *
     * @param loop the loop connections run on (the health checker's)
     * @param channelType socket channel class matching {@code loop}'s transport
     * @param ssl client TLS context offering ALPN h2 for h2 endpoints, or null for h2c
     * @param serverName SNI name for TLS, or empty for the endpoint host
     * @param resolver resolves endpoint host names without blocking
     */
    public Http2HealthProbe(EventLoop loop, Class<? extends Channel> channelType, @Nullable SslContext ssl,
                            String serverName, AddressResolverGroup<?> resolver) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.ssl = ssl;
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public CompletableFuture<Boolean> check(Endpoint endpoint, HealthCheckConfig config) {
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
                            ch.pipeline().addLast("h2", Http2FrameCodecBuilder.forClient().build());
                            // Servers do not open streams toward a client here; refuse any that come.
                            ch.pipeline().addLast("streams", new Http2MultiplexHandler(REFUSE_STREAMS));
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
                openStream(channel, endpoint, config, result);
            }
        });
        return result;
    }

    private void openStream(Channel channel, Endpoint endpoint, HealthCheckConfig config,
                            CompletableFuture<Boolean> result) {
        new Http2StreamChannelBootstrap(channel)
                .handler(new VerdictHandler(config, result))
                .open()
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        result.complete(false);
                        return;
                    }
                    Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
                    Http2Headers headers = new DefaultHttp2Headers()
                            .method(config.method())
                            .path(config.path())
                            .scheme(ssl != null ? "https" : "http")
                            .authority(endpoint.authority())
                            .add("user-agent", "meshgate-health-check");
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).addListener(w -> {
                        if (!w.isSuccess()) {
                            result.complete(false);
                        }
                    });
                });
    }

    /** Completes the check with the final response status; informational (1xx) heads are skipped. */
    private static final class VerdictHandler extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final HealthCheckConfig config;
        private final CompletableFuture<Boolean> result;

        VerdictHandler(HealthCheckConfig config, CompletableFuture<Boolean> result) {
            this.config = config;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame h && h.headers().status() != null) {
                int status;
                try {
                    status = Integer.parseInt(h.headers().status().toString());
                } catch (NumberFormatException e) {
                    result.complete(false);
                    return;
                }
                if (status >= 200) {
                    result.complete(config.expectedStatuses().contains(status));
                }
            }
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
