package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.headers.HeaderModifierConfig;
import io.meshgate.proxy.filter.headers.ResponseHeaderModifierFilter;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An HTTP/2 upstream that answers with a single HEADERS frame carrying END_STREAM (what a gRPC
 * server sends for an error status: "trailers-only") reaches the client as one message: one
 * HEADERS frame with END_STREAM for an HTTP/2 client, one bodyless response for an HTTP/1.1 client.
 * So does a bodyless response of an HTTP/1.1 upstream.
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class TrailersOnlyIT {

    private static FakeUpstream upstream;
    private static FakeUpstream http1;
    private static ProxyHarness proxy;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        HttpHeaders grpcError = new DefaultHttpHeaders()
                .add("content-type", "application/grpc")
                .add("grpc-status", "12")
                .add("grpc-message", "Method not found: grpc.testing.TestService/UnimplementedCall");
        // an empty body: the fake upstream's HTTP/2 codec sends the whole answer as one HEADERS frame
        upstream = FakeUpstream.builder().name("grpc")
                .behavior((request, responder, up) -> responder.respond(200, grpcError, new byte[0])).start();
        TestCluster h2c = TestCluster.of("h2c", new UpstreamSettings(UpstreamProtocol.H2C, false, "localhost", false,
                Duration.ofSeconds(5), Duration.ofSeconds(60), 0), upstream.port());
        http1 = FakeUpstream.builder().name("h1").http2(false).behavior(Behaviors.status(204)).start();
        TestCluster h1 = TestCluster.of("h1", http1.port());
        HeaderModifierConfig mark = new HeaderModifierConfig(Map.of("x-filtered", "yes"), Map.of(), List.of());
        proxy = ProxyHarness.start(new TestRouteTable()
                .route("/h1", ProxyHarness.route("h1", h1))
                .route("/filtered", ProxyHarness.route("filtered", h2c, List.of(new ResponseHeaderModifierFilter(mark))))
                .route("/", ProxyHarness.route("plain", h2c)), h2c, h1);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
        http1.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** The frames an HTTP/2 client receives on one stream, up to its end, each as a line. */
    private static List<String> framesFor(String path) throws Exception {
        Channel conn = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", proxy.port()).sync().channel();
        try {
            List<String> frames = new ArrayList<>();
            CompletableFuture<List<String>> done = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(conn).handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    try {
                        if (msg instanceof Http2HeadersFrame h) {
                            frames.add("HEADERS" + (h.isEndStream() ? " END_STREAM " : " ") + describe(h.headers()));
                            if (h.isEndStream()) {
                                done.complete(frames);
                            }
                        } else if (msg instanceof Http2DataFrame d) {
                            frames.add("DATA " + d.content().readableBytes() + (d.isEndStream() ? " END_STREAM" : ""));
                            if (d.isEndStream()) {
                                done.complete(frames);
                            }
                        }
                    } finally {
                        ReferenceCountUtil.release(msg);
                    }
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof Http2ResetFrame r) {
                        frames.add("RST_STREAM " + Http2Error.valueOf(r.errorCode()));
                        done.complete(frames);
                    }
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    frames.add("error " + cause.getMessage());
                    done.complete(frames);
                }
            }).open().sync().getNow();
            Http2Headers request = new DefaultHttp2Headers().method("POST").scheme("http").authority("a").path(path)
                    .add("content-type", "application/grpc").add("te", "trailers");
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(request, true));
            return done.get(10, TimeUnit.SECONDS);
        } finally {
            conn.close().sync();
        }
    }

    private static String describe(Http2Headers headers) {
        return ":status=" + headers.status() + " grpc-status=" + headers.get("grpc-status")
                + " grpc-message=" + headers.get("grpc-message")
                + (headers.contains("x-filtered") ? " x-filtered=" + headers.get("x-filtered") : "");
    }

    @Test
    void http2ClientGetsOneHeadersFrameWithEndStream() throws Exception {
        assertThat(framesFor("/grpc.testing.TestService/UnimplementedCall")).containsExactly(
                "HEADERS END_STREAM :status=200 grpc-status=12"
                        + " grpc-message=Method not found: grpc.testing.TestService/UnimplementedCall");
    }

    @Test
    void responseFiltersStillApplyToATrailersOnlyAnswer() throws Exception {
        assertThat(framesFor("/filtered/grpc.testing.TestService/UnimplementedCall")).containsExactly(
                "HEADERS END_STREAM :status=200 grpc-status=12"
                        + " grpc-message=Method not found: grpc.testing.TestService/UnimplementedCall x-filtered=yes");
    }

    @Test
    void bodylessHttp1UpstreamResponseIsOneHeadersFrameToo() throws Exception {
        assertThat(framesFor("/h1/x")).containsExactly("HEADERS END_STREAM :status=204 grpc-status=null grpc-message=null");
    }

    @Test
    void http1ClientGetsOneBodylessResponseAndKeepsItsConnection() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            for (int i = 0; i < 2; i++) {
                RawConnection.Response r = c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("grpc-status")).isEqualTo("12");
                assertThat(r.header("content-length")).isEqualTo("0");
                assertThat(r.body()).isEmpty();
            }
        }
    }
}
