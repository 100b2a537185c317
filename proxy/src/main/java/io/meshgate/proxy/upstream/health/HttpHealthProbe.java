package io.meshgate.proxy.upstream.health;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
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
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Health checks over real connections, made on one event loop: a TCP connect, or one HTTP/1.1
 * request on a fresh connection ({@code Connection: close}) whose status decides. Nothing blocks:
 * connecting, TLS, writing and reading are Netty callbacks, and cancellation closes the channel.
 */
public final class HttpHealthProbe extends ConnectionProbe {

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
        super(loop, channelType, ssl, serverName, resolver);
    }

    /** A cleartext probe resolving names with the JDK (fine for IP literals). */
    public HttpHealthProbe(EventLoop loop, Class<? extends Channel> channelType) {
        this(loop, channelType, null, "", DefaultAddressResolverGroup.INSTANCE);
    }

    @Override
    void addHttpHandlers(ChannelPipeline p, HealthCheckConfig config, CompletableFuture<Boolean> result) {
        p.addLast("http", new HttpClientCodec());
        p.addLast("verdict", new StatusVerdict(config, result));
    }

    @Override
    void sendRequest(Channel channel, Endpoint endpoint, HealthCheckConfig config, CompletableFuture<Boolean> result) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(config.method()),
                config.path());
        req.headers()
                .set(HttpHeaderNames.HOST, endpoint.authority())
                .set(HttpHeaderNames.USER_AGENT, "meshgate-health-check")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        channel.writeAndFlush(req);
    }

    /** Completes the check with the response status. */
    private static final class StatusVerdict extends Verdict<HttpObject> {
        StatusVerdict(HealthCheckConfig config, CompletableFuture<Boolean> result) {
            super(HttpObject.class, config, result);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                judge(response.status().code());
            }
        }
    }
}
