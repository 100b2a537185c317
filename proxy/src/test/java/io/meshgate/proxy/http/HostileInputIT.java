package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.PathNormalization;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request smuggling and bad input over raw sockets (issue 2 §4): every ambiguous or malformed head
 * gets 400 and a closed connection, and nothing reaches the upstream; limits answer 413/414/431/408.
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class HostileInputIT {

    private static FakeUpstream upstream;
    private static ProxyHarness proxy;
    private static ProxyHarness limited;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.builder().start();
        TestCluster c = TestCluster.of("a", upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
        ListenerLimits small = new ListenerLimits(1024, 4096, 20, 1000, Duration.ofMillis(500), Duration.ofMillis(800), 3,
                100, 0, PathNormalization.DEFAULTS);
        limited = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), small, null, c);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        limited.close();
        upstream.close();
    }

    @BeforeEach
    void clear() {
        upstream.clearRequests();
    }

    static List<Arguments> smuggling() {
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        return List.of(
                Arguments.of("conflicting Content-Length",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 40\r\n\r\nhello" + smuggled),
                Arguments.of("duplicate Content-Length",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                Arguments.of("Content-Length list",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello"),
                Arguments.of("Content-Length with Transfer-Encoding",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("Transfer-Encoding xchunked",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("Transfer-Encoding chunked, identity",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                Arguments.of("Transfer-Encoding twice",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("space before colon",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + smuggled),
                Arguments.of("obs-fold",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n"),
                Arguments.of("header line starting with whitespace",
                        "POST / HTTP/1.1\r\n Transfer-Encoding: chunked\r\nHost: a\r\n\r\n0\r\n\r\n"),
                Arguments.of("bare LF",
                        "GET / HTTP/1.1\nHost: a\n\n"),
                Arguments.of("bare LF in chunk size line",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n"),
                Arguments.of("control character in value",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0001c\r\n\r\n"),
                Arguments.of("NUL in value",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0000c\r\n\r\n"),
                Arguments.of("CR in value",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n"),
                Arguments.of("invalid character in name",
                        "GET / HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n"),
                Arguments.of("Transfer-Encoding in HTTP/1.0",
                        "POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("two Host headers",
                        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                Arguments.of("no Host header",
                        "GET / HTTP/1.1\r\nX-A: b\r\n\r\n"),
                Arguments.of("negative Content-Length",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
                Arguments.of("signed Content-Length",
                        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello"),
                Arguments.of("space in Host",
                        "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                Arguments.of("userinfo in Host",
                        "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n"),
                Arguments.of("userinfo in an absolute-form target",
                        "GET http://user@a/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fragment in the target",
                        "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("invalid percent-encoding in the path",
                        "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggling")
    void rejectsWith400AndCloses(String name, String request) {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            RawConnection.Response r = c.send(request).readResponse();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(r.body()).startsWith("{\"status\":400,");
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void malformedBodyWhileTheBackendConnectionIsStillOpeningEndsTheTry() throws Exception {
        // A fresh proxy has no pooled connection, so the body fails while the upstream connect is pending.
        TestCluster c = TestCluster.of("fresh", upstream.port());
        try (ProxyHarness fresh = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
             RawConnection conn = RawConnection.open(fresh.port())) {
            RawConnection.Response r = conn.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabcX0\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(400);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((c.activeTries.get() != 0 || c.requests.get() != 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(c.activeTries.get()).as("tries still counted as active").isZero();
            assertThat(c.requests.get()).as("request permits still held").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0", "HTTP/0.9"})
    void otherMajorVersionsGet505AndClose(String version) {
        // "PRI * HTTP/2.0" without the rest of the h2c preface is an HTTP/1.x request line too
        for (String line : List.of("GET / " + version, "PRI * " + version)) {
            try (RawConnection c = RawConnection.open(proxy.port())) {
                RawConnection.Response r = c.send(line + "\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
                        .readResponse();
                assertThat(r.status()).as(line).isEqualTo(505);
                assertThat(r.header("connection")).isEqualTo("close");
                assertThat(c.closedByPeer()).as("closed after " + line).isTrue();
            }
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void higherMinorVersionIsServedAsHttp11() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            for (int i = 0; i < 2; i++) {
                RawConnection.Response r = c.send("GET / HTTP/1.2\r\nHost: a\r\n\r\n").readResponse();
                assertThat(r.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void longRequestLineGets414() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            RawConnection.Response r = c.send("GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(414);
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void largeHeaderSectionGets431() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            RawConnection.Response r = c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(5000) + "\r\n\r\n")
                    .readResponse();
            assertThat(r.status()).isEqualTo(431);
        }
    }

    @Test
    void tooManyHeadersGets431() {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 25; i++) {
            head.append("X-H").append(i).append(": v\r\n");
        }
        try (RawConnection c = RawConnection.open(limited.port())) {
            assertThat(c.send(head.append("\r\n").toString()).readResponse().status()).isEqualTo(431);
        }
    }

    @Test
    void declaredBodyOverLimitGets413BeforeAnyUpload() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            RawConnection.Response r = c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
                    .readResponse(true);
            assertThat(r.status()).isEqualTo(413);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void chunkedBodyOverLimitGets413() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            String chunk = Integer.toHexString(800) + "\r\n" + "x".repeat(800) + "\r\n";
            RawConnection.Response r = c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk)
                    .readResponse();
            assertThat(r.status()).isIn(413);
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void slowHeadGets408AndClose() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            c.send("GET / HTTP/1.1\r\nHost: a\r\n"); // never finishes the head
            RawConnection.Response r = c.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void slowHeadOnAKeepAliveConnectionGets408WithinTheHeaderTimeoutNotTheIdleOne() throws InterruptedException {
        ListenerLimits longIdle = new ListenerLimits(1024, 4096, 20, 1000, Duration.ofMillis(500), Duration.ofSeconds(60),
                3, 100, 0, PathNormalization.DEFAULTS);
        TestCluster c = TestCluster.of("a", upstream.port());
        try (ProxyHarness p = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), longIdle, null, c);
             RawConnection conn = RawConnection.open(p.port())) {
            assertThat(conn.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            Thread.sleep(1000); // idle for longer than the head timeout, so only the idle clock is left armed
            conn.send("GET /b HTTP/1.1\r\nHost: a\r\n"); // the idle clock (60 s) was running; the head clock is 0.5 s
            RawConnection.Response r = conn.readResponse(); // fails on the 10 s read timeout if the idle clock ruled
            assertThat(r.status()).isEqualTo(408);
            assertThat(conn.closedByPeer()).isTrue();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() {
        try (RawConnection c = RawConnection.open(limited.port())) {
            assertThat(c.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(c.closedByPeer()).isTrue(); // after the 800 ms idle timeout, within the 10 s read timeout
        }
    }

    @Test
    void connectionsOverTheLimitAreClosed() {
        try (RawConnection a = RawConnection.open(limited.port());
             RawConnection b = RawConnection.open(limited.port());
             RawConnection c = RawConnection.open(limited.port())) {
            assertThat(a.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(b.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
            try (RawConnection d = RawConnection.open(limited.port())) {
                assertThat(d.closedByPeer()).isTrue();
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            c.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /three HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse().body()).contains("\"uri\":\"/one\"");
            assertThat(c.readResponse().body()).contains("\"uri\":\"/two\"").contains("\"body\":\"abc\"");
            assertThat(c.readResponse().body()).contains("\"uri\":\"/three\"");
        }
    }

    @Test
    void expectContinueGetsInterimResponseThenForwardsBody() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.readResponse(true).status()).isEqualTo(100);
            RawConnection.Response r = c.send("hello").readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("\"body\":\"hello\"").doesNotContain("expect");
        }
    }

    @Test
    void hopByHopHeadersAreRemoved() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            RawConnection.Response r = c.send("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, X-Secret\r\n"
                    + "X-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: gzip\r\nUpgrade: h2c\r\nProxy-Connection: x\r\n\r\n").readResponse();
            assertThat(r.body()).doesNotContain("x-secret").doesNotContain("keep-alive").doesNotContain("\"te\"")
                    .doesNotContain("upgrade").doesNotContain("proxy-connection").doesNotContain("\"connection\"");
        }
    }

    @Test
    void http10ClientWithoutKeepAliveGetsClose() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            RawConnection.Response r = c.send("GET / HTTP/1.0\r\nHost: a\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(c.closedByPeer()).isTrue();
        }
    }
}
