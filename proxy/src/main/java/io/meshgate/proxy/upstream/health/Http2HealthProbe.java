package io.meshgate.proxy.upstream.health;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
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
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Health checks of endpoints that speak only HTTP/2: h2c with prior knowledge, or h2 over TLS
 * (the TLS context must offer ALPN {@code h2}). Each check opens a connection, sends one request
 * on one stream and judges the {@code :status} of the response head; everything is a Netty
 * callback on one event loop, and cancellation closes the connection.
 */
public final class Http2HealthProbe extends ConnectionProbe {

    private static final ChannelInitializer<Http2StreamChannel> REFUSE_STREAMS = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel ch) {
            ch.close();
        }
    };

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
        super(loop, channelType, ssl, serverName, resolver);
    }

    @Override
    void addHttpHandlers(ChannelPipeline p, HealthCheckConfig config, CompletableFuture<Boolean> result) {
        p.addLast("h2", Http2FrameCodecBuilder.forClient().build());
        // Servers do not open streams toward a client here; refuse any that come.
        p.addLast("streams", new Http2MultiplexHandler(REFUSE_STREAMS));
    }

    @Override
    void sendRequest(Channel channel, Endpoint endpoint, HealthCheckConfig config, CompletableFuture<Boolean> result) {
        new Http2StreamChannelBootstrap(channel)
                .handler(new StatusVerdict(config, result))
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
                            .scheme(tls() ? "https" : "http")
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
    private static final class StatusVerdict extends Verdict<Http2StreamFrame> {
        StatusVerdict(HealthCheckConfig config, CompletableFuture<Boolean> result) {
            super(Http2StreamFrame.class, config, result);
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
                    judge(status);
                }
            }
        }
    }
}
