package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import io.meshgate.testkit.RawUpstream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backend whose response could be read two ways (response splitting, ambiguous framing) gets its answer
 * replaced by a 502 (RFC 9112 section 6.3), and the client's connection stays in sync for its next request.
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class MalformedUpstreamResponseIT {

    private static RawUpstream upstream;
    private static ProxyHarness proxy;

    @BeforeAll
    static void start() {
        upstream = RawUpstream.start(Map.of(
                "ok", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "cl-and-te", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "conflicting-cl", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                "cl-list", "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok!",
                "bare-cr", "HTTP/1.1 200 OK\r\nX-A: a\rSet-Cookie: evil=1\r\nContent-Length: 2\r\n\r\nok",
                "nul", "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\nok",
                "not-http", "garbage\r\n\r\n"));
        TestCluster c = TestCluster.of("raw", upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cl-and-te", "conflicting-cl", "cl-list", "bare-cr", "nul", "not-http"})
    void ambiguousResponseBecomes502AndTheClientConnectionStaysInSync(String name) {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            RawConnection.Response bad = c.send("GET /" + name + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(bad.status()).isEqualTo(502);
            assertThat(bad.body()).startsWith("{\"status\":502,");
            assertThat(bad.headers()).doesNotContainKey("set-cookie");
            RawConnection.Response next = c.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("ok");
        }
    }

    @Test
    void wellFormedResponsePasses() {
        try (RawConnection c = RawConnection.open(proxy.port())) {
            assertThat(c.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().body()).isEqualTo("ok");
        }
    }
}
