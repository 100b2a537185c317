package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.http.RawH2Connection.Frame;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HEADERS frames that do not fit the stream's state (RFC 9113 §5.1, §5.1.1), written by a raw
 * client because no conforming client sends them: the gateway answers with the stream or
 * connection error the RFC names, and a stream error leaves the connection usable.
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class Http2StreamStatesIT {

    private static final Duration QUIET = Duration.ofSeconds(1);
    private static FakeUpstream fast;
    private static FakeUpstream hanging;
    private static ProxyHarness proxy;

    @BeforeAll
    static void start() {
        fast = FakeUpstream.builder().http2(false).behavior(Behaviors.text(200, "hello")).start();
        hanging = FakeUpstream.builder().name("hang").http2(false).behavior(Behaviors.hang()).start();
        TestCluster f = TestCluster.of("fast", fast.port());
        TestCluster h = TestCluster.of("hang", hanging.port());
        proxy = ProxyHarness.start(new TestRouteTable()
                .route("/hang", ProxyHarness.route("hang", h))
                .route("/", ProxyHarness.route("fast", f)), f, h);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        fast.close();
        hanging.close();
    }

    private static Http2Headers get(String path) {
        return new DefaultHttp2Headers().method("GET").scheme("http").authority("a").path(path);
    }

    private static boolean isGoAway(Frame f) {
        return f.type() == Http2FrameTypes.GO_AWAY;
    }

    private static void assertAnswered(RawH2Connection c, int streamId) {
        Frame end = c.awaitStreamEnd(streamId);
        assertThat(end).as("end of stream %d", streamId).isNotNull();
        assertThat(end.type()).as("%s", end).isEqualTo(Http2FrameTypes.DATA);
    }

    @Test
    void headersOnAHalfClosedRemoteStreamResetItWithStreamClosed() {
        try (RawH2Connection c = RawH2Connection.open(proxy.port())) {
            c.headers(1, get("/hang"), true).headers(1, get("/hang"), true);
            Frame reset = c.awaitStreamEnd(1);
            assertThat(reset).isNotNull();
            assertThat(reset.type()).isEqualTo(Http2FrameTypes.RST_STREAM);
            assertThat(reset.error()).isEqualTo(Http2Error.STREAM_CLOSED);

            c.headers(3, get("/ok"), true);
            assertAnswered(c, 3);
        }
    }

    @Test
    void headersOnAStreamClosedByEndStreamIsAConnectionError() {
        try (RawH2Connection c = RawH2Connection.open(proxy.port())) {
            c.headers(1, get("/ok"), true);
            assertAnswered(c, 1);
            c.headers(1, get("/ok"), true);
            Frame goAway = c.await(Http2StreamStatesIT::isGoAway, QUIET);
            assertThat(goAway).isNotNull();
            assertThat(goAway.error()).isEqualTo(Http2Error.STREAM_CLOSED);
            assertThat(c.await(f -> true, QUIET)).as("connection closed after GOAWAY").isNull();
        }
    }

    @Test
    void headersOpeningALowerStreamIdIsAProtocolError() {
        try (RawH2Connection c = RawH2Connection.open(proxy.port())) {
            c.headers(5, get("/hang"), true).headers(3, get("/ok"), true);
            Frame goAway = c.await(Http2StreamStatesIT::isGoAway, QUIET);
            assertThat(goAway).isNotNull();
            assertThat(goAway.error()).isEqualTo(Http2Error.PROTOCOL_ERROR);
        }
    }

    @Test
    void trailersOnAStreamTheGatewayResetAreOnlyAStreamError() {
        try (RawH2Connection c = RawH2Connection.open(proxy.port())) {
            Http2Headers post = new DefaultHttp2Headers().method("POST").scheme("http").authority("a").path("/ok")
                    .add("content-length", "10");
            c.headers(1, post, false).data(1, "abc".getBytes(StandardCharsets.US_ASCII), false);
            c.data(1, new byte[0], true); // the body ends 7 bytes short: the gateway resets the stream
            Frame reset = c.awaitStreamEnd(1);
            assertThat(reset).isNotNull();
            assertThat(reset.error()).isEqualTo(Http2Error.PROTOCOL_ERROR);

            // frames the client sent before it saw the reset must not cost it the connection
            c.headers(1, new DefaultHttp2Headers().add("x-trailer", "late"), true);
            c.headers(3, get("/ok"), true);
            assertAnswered(c, 3);
        }
    }
}
