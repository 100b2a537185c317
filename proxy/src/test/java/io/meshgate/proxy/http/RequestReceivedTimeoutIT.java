package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ClientTrafficPolicy {@code timeout.http.requestReceivedTimeout} (ListenerLimits#requestReceivedTimeout)
 * over real sockets: a client that keeps sending, but too slowly to finish its request in time, gets
 * 408 and loses the connection (HTTP/1.1) or the stream (HTTP/2); one that finishes in time is served.
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class RequestReceivedTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofMillis(600);
    /** Well past the timeout, far from the 10 s header timeout and the 60 s idle timeout. */
    private static final int TRICKLE_MS = 100;

    private static FakeUpstream upstream;
    private static ProxyHarness limited;
    private static ProxyHarness limited2s;
    private static ProxyHarness unlimited;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.builder().http2(false).start();
        TestCluster c = TestCluster.of("a", upstream.port());
        limited = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)),
                ListenerLimits.DEFAULTS.withRequestReceivedTimeout(TIMEOUT), null, c);
        limited2s = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)),
                ListenerLimits.DEFAULTS.withRequestReceivedTimeout(Duration.ofSeconds(2)), null, c);
        unlimited = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        limited.close();
        limited2s.close();
        unlimited.close();
        upstream.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Sends {@code bytes} one at a time, {@link #TRICKLE_MS} apart, on another thread until the peer closes. */
    private static Thread trickle(RawConnection c, String bytes) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < bytes.length(); i++) {
                try {
                    Thread.sleep(TRICKLE_MS);
                    c.send(bytes.substring(i, i + 1));
                } catch (InterruptedException | RuntimeException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void slowBodyGets408AndTheConnectionCloses() throws Exception {
        try (RawConnection c = RawConnection.open(limited.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789");
            Thread sender = trickle(c, "x".repeat(90)); // 9 s at this pace: it would finish, but late
            RawConnection.Response r = c.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(r.body()).contains("request timeout");
            assertThat(c.closedByPeer()).isTrue();
            sender.interrupt();
        }
        assertThat(limited.nextRecord().responseFlag()).isEqualTo("request_received_timeout");
    }

    @Test
    void slowChunkedBodyGets408Too() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            Thread sender = trickle(c, "1\r\na\r\n".repeat(20));
            assertThat(c.readResponse().status()).isEqualTo(408);
            assertThat(c.closedByPeer()).isTrue();
            sender.interrupt();
        }
    }

    @Test
    void headThatNeverEndsGets408BeforeTheHeaderTimeout() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            c.readTimeout(Duration.ofSeconds(5)); // the 10 s header timeout would come too late
            c.send("G");
            Thread sender = trickle(c, "ET /slow-head HT"); // 1.6 s and still no end of head
            assertThat(c.readResponse().status()).isEqualTo(408);
            assertThat(c.closedByPeer()).isTrue();
            sender.interrupt();
        }
    }

    @Test
    void timeSpentOnTheHeadCountsTowardsTheWholeRequest() throws Exception {
        // 2 s from the first byte: the head ends at 1.5 s and the body at 2.75 s, so timing from the
        // end of the head (due at 3.5 s) would serve the request; 750 ms margins either way
        try (RawConnection c = RawConnection.open(limited2s.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r");
            Thread.sleep(1500);
            c.send("\n");
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(600);
                    c.send("ab");
                    Thread.sleep(650);
                    c.send("c");
                } catch (InterruptedException | RuntimeException closed) {
                    // the proxy closed first
                }
            });
            sender.setDaemon(true);
            sender.start();
            assertThat(c.readResponse().status()).isEqualTo(408);
            sender.interrupt();
        }
    }

    @Test
    void requestsReceivedInTimeAreServedAndTheConnectionStaysUsable() throws Exception {
        try (RawConnection c = RawConnection.open(limited.port())) {
            for (int i = 0; i < 3; i++) {
                c.send("POST /ok HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
                assertThat(c.readResponse().status()).isEqualTo(200);
                Thread.sleep(TIMEOUT.toMillis()); // an idle gap between requests is not part of any request
            }
            c.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void offByDefault() {
        try (RawConnection c = RawConnection.open(unlimited.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n0123456789");
            Thread sender = trickle(c, "x".repeat(10)); // about 1 s
            assertThat(c.readResponse().status()).isEqualTo(200);
            sender.interrupt();
        }
    }

    @Test
    void http2StreamSendingItsBodyTooSlowlyGets408ThenAReset() throws Exception {
        List<String> events = h2Exchange(true);
        assertThat(events).first().isEqualTo("status 408");
        assertThat(events).contains("reset " + Http2Error.CANCEL);
    }

    @Test
    void http2StreamFinishedInTimeIsServed() throws Exception {
        assertThat(h2Exchange(false)).first().isEqualTo("status 200");
    }

    /**
     * One HTTP/2 stream: HEADERS, then DATA; {@code slow} trickles 1-byte DATA frames without ever
     * ending the stream, else one DATA frame ends it. Returns what came back, in order, once the
     * stream ended or was reset (or after 10 s).
     */
    private static List<String> h2Exchange(boolean slow) throws Exception {
        Channel conn = H2TestStreams.connect(group, limited.port());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try {
            Http2StreamChannel stream = H2TestStreams.open(conn, events);
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers()
                    .method("POST").scheme("http").authority("a").path("/h2"), false));
            ScheduledFuture<?> sender = null;
            if (slow) {
                sender = stream.eventLoop().scheduleAtFixedRate(() -> {
                    if (stream.isActive()) {
                        stream.writeAndFlush(new DefaultHttp2DataFrame(
                                Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII), false));
                    }
                }, TRICKLE_MS, TRICKLE_MS, TimeUnit.MILLISECONDS);
            } else {
                stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), true));
            }
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String e;
            while ((e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                seen.add(e);
                if (e.equals("closed")) {
                    break;
                }
            }
            if (sender != null) {
                sender.cancel(false);
            }
            return seen;
        } finally {
            conn.close().sync();
        }
    }
}
