package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
        Channel conn = H2TestStreams.connect(group, proxy.port());
        try {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            Http2StreamChannel stream = H2TestStreams.open(conn, events);
            boolean hasBody = !body.isEmpty();
            stream.write(new DefaultHttp2HeadersFrame(headers, !hasBody));
            if (hasBody) {
                stream.write(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), true));
            }
            stream.flush();
            return events.poll(10, TimeUnit.SECONDS);
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
