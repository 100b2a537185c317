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
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Health checks over real connections, made on one event loop: a TCP connect, or one HTTP/1.1
 * request on a fresh connection ({@code Connection: close}) whose status decides. Nothing blocks:
 * connecting, TLS, writing and reading are Netty callbacks, and cancellation closes the channel.
 */
public final class HttpHealthProbe implements HealthProbe {

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final @Nullable SslContext ssl;
    private final String serverName;
    private final AddressResolverGroup<?> resolver;

    /**
     * Creates a probe.
     *
     * @param loop the loop connections run on (the health checker's)
     * @param channelType socket channel class matching {@code loop}'s transport (NIO or epoll)
     * @param ssl client TLS context when the cluster originates TLS, else null
     * @param serverName SNI name for TLS, or empty for the endpoint host
     * @param resolver resolves endpoint host names; use a non-blocking (DNS) resolver when hosts are names
     */
    public HttpHealthProbe(EventLoop loop, Class<? extends Channel> channelType, @Nullable SslContext ssl,
                           String serverName, AddressResolverGroup<?> resolver) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.ssl = ssl;
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A cleartext probe resolving names with the JDK (fine for IP literals). */
    public HttpHealthProbe(EventLoop loop, Class<? extends Channel> channelType) {
        this(loop, channelType, null, "", DefaultAddressResolverGroup.INSTANCE);
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
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            String sni = serverName.isEmpty() ? endpoint.host() : serverName;
                            p.addLast("tls", ssl.newHandler(ch.alloc(), sni, endpoint.port()));
                        }
                        if (http) {
                            p.addLast("http", new HttpClientCodec());
                            p.addLast("verdict", new VerdictHandler(config, result));
                        }
                    }
                });
        ChannelFuture connect = b.connect(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()));
        // Whatever ends the check (answer, failure, deadline) closes the connection.
        result.whenComplete((ok, error) -> connect.channel().close());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(false);
            } else if (!http) {
                result.complete(true);
            } else {
                connect.channel().writeAndFlush(request(endpoint, config));
            }
        });
        return result;
    }

    private static FullHttpRequest request(Endpoint endpoint, HealthCheckConfig config) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(config.method()),
                config.path());
        req.headers()
                .set(HttpHeaderNames.HOST, endpoint.authority())
                .set(HttpHeaderNames.USER_AGENT, "meshgate-health-check")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return req;
    }

    /** Completes the check with the response status; a connection that ends first fails it. */
    private static final class VerdictHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final HealthCheckConfig config;
        private final CompletableFuture<Boolean> result;

        VerdictHandler(HealthCheckConfig config, CompletableFuture<Boolean> result) {
            this.config = config;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                result.complete(config.expectedStatuses().contains(response.status().code()));
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
