package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP/2 requests that must never become HTTP/1.1 upstream: connection-specific headers and a
 * Content-Length that disagrees with the DATA frames are stream errors (RFC 9113 §8.2.2, §8.1.1).
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class Http2HostileInputIT {

    private static FakeUpstream upstream;
    private static ProxyHarness proxy;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.builder().http2(false).start();
        TestCluster c = TestCluster.of("a", upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** What came back on the stream: a response status, or a reset with its error code. */
    private static String exchange(Http2Headers headers, String body) throws Exception {
        Channel conn = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().validateHeaders(false).build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", proxy.port()).sync().channel();
        try {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(conn).handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http2HeadersFrame h) {
                        outcome.complete("status " + h.headers().status());
                    }
                    ReferenceCountUtil.release(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof Http2ResetFrame r) {
                        outcome.complete("reset " + Http2Error.valueOf(r.errorCode()));
                    }
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    outcome.complete("closed");
                }
            }).open().sync().getNow();
            boolean hasBody = !body.isEmpty();
            stream.write(new DefaultHttp2HeadersFrame(headers, !hasBody));
            if (hasBody) {
                stream.write(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), true));
            }
            stream.flush();
            return outcome.get(10, TimeUnit.SECONDS);
        } finally {
            conn.close().sync();
        }
    }

    private static Http2Headers request(String method) {
        return new DefaultHttp2Headers(false).method(method).scheme("http").authority("a").path("/x");
    }

    @Test
    void validRequestIsAnswered() throws Exception {
        assertThat(exchange(request("GET"), "")).isEqualTo("status 200");
    }

    @Test
    void connectionSpecificHeadersAreStreamErrors() throws Exception {
        upstream.clearRequests();
        assertThat(exchange(request("GET").add("connection", "keep-alive"), "")).isEqualTo("reset PROTOCOL_ERROR");
        assertThat(exchange(request("POST").add("transfer-encoding", "chunked"), "0\r\n\r\n")).isEqualTo("reset PROTOCOL_ERROR");
        assertThat(exchange(request("GET").add("te", "gzip"), "")).isEqualTo("reset PROTOCOL_ERROR");
        assertThat(exchange(request("GET").add("upgrade", "websocket"), "")).isEqualTo("reset PROTOCOL_ERROR");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void contentLengthDisagreeingWithDataIsAStreamError() throws Exception {
        upstream.clearRequests();
        assertThat(exchange(request("POST").add("content-length", "10"), "abc")).isEqualTo("reset PROTOCOL_ERROR");
        assertThat(exchange(request("POST").add("content-length", "1"), "abc")).isEqualTo("reset PROTOCOL_ERROR");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void teTrailersIsAllowed() throws Exception {
        assertThat(exchange(request("GET").add("te", "trailers"), "")).isEqualTo("status 200");
    }
}
