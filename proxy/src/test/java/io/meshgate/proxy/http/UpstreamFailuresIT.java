package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.RetryTrigger;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.route.WeightedBackend;
import io.meshgate.proxy.telemetry.ExchangeRecord;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeRequest;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retries, timeouts, circuit breaking and stale pooled connections, against misbehaving fake upstreams. */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class UpstreamFailuresIT {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeUpstream upstream;
    private ProxyHarness proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static RetryPolicy retry(int n, Duration perTry, RetryTrigger... triggers) {
        return new RetryPolicy(n, perTry, EnumSet.copyOf(List.of(triggers)), Set.of(), Duration.ofMillis(10),
                Duration.ofMillis(50), 64 * 1024);
    }

    private void start(FakeUpstream.Behavior behavior, RetryPolicy retry, RouteTimeouts timeouts) {
        upstream = FakeUpstream.builder().behavior(behavior).start();
        TestCluster c = TestCluster.of("a", upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c, retry, timeouts)), c);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.url(path))).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.url(path))).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Closes a connection, without answering, when a second request arrives on it: a backend that timed it out. */
    private static FakeUpstream.Behavior closesReusedConnections() {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        return (req, res, up) -> {
            if (!seen.add(req.connectionId())) {
                res.abort();
            } else {
                Behaviors.echo().handle(req, res, up);
            }
        };
    }

    @Test
    void idempotentRequestOnAConnectionTheBackendClosedIsReplayedOnAFreshOne() throws Exception {
        start(closesReusedConnections(), RetryPolicy.NONE, RouteTimeouts.NONE);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> res = get("/r" + i);
            assertThat(res.statusCode()).as("request %d", i).isEqualTo(200);
        }
        List<FakeRequest> seen = upstream.requests();
        assertThat(seen.size()).isGreaterThan(6); // some requests were sent twice: once to the dying connection
    }

    @Test
    void nonIdempotentRequestOnAClosedConnectionIsNotReplayed() throws Exception {
        start(closesReusedConnections(), RetryPolicy.NONE, RouteTimeouts.NONE);
        assertThat(post("/first", "a").statusCode()).isEqualTo(200);
        int statusOfSecond = 0;
        for (int i = 0; i < 4 && statusOfSecond != 502; i++) {
            statusOfSecond = post("/again", "b").statusCode(); // the pooled connection is on one of two loops
        }
        assertThat(statusOfSecond).isEqualTo(502);
        // An exchange is recorded once its last byte is written, which can be just after the client
        // read it: wait for the 502's record instead of taking whatever is queued now.
        ExchangeRecord rec = proxy.nextRecord();
        while (rec.status() != 502) {
            rec = proxy.nextRecord();
        }
        assertThat(rec.responseFlag()).isEqualTo("upstream_reset");
        assertThat(rec.attempts()).isEqualTo(1);
    }

    @Test
    void connectionsTheBackendClosesWhileIdleNeverSurfaceAsErrors() throws Exception {
        upstream = FakeUpstream.builder().closeIdleAfter(Duration.ofMillis(100)).start();
        TestCluster c = TestCluster.of("a", upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
        for (int i = 0; i < 8; i++) {
            assertThat(get("/i" + i).statusCode()).isEqualTo(200);
            Thread.sleep(i % 2 == 0 ? 150 : 90); // around the backend's keep-alive timeout
        }
    }

    @Test
    void retriesA503() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start((req, res, up) -> {
            if (calls.incrementAndGet() == 1) {
                Behaviors.status(503).handle(req, res, up);
            } else {
                Behaviors.echo().handle(req, res, up);
            }
        }, retry(2, Duration.ZERO, RetryTrigger.GATEWAY_ERROR), RouteTimeouts.NONE);
        HttpResponse<String> res = post("/pay", "{\"amount\":1}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"body\":\"{\\\"amount\\\":1}\"");
        ExchangeRecord rec = proxy.nextRecord();
        assertThat(rec.attempts()).isEqualTo(2);
    }

    @Test
    void passesTheLast5xxOnWhenRetriesRunOut() throws Exception {
        start(Behaviors.status(503), retry(2, Duration.ZERO, RetryTrigger.FIVE_XX), RouteTimeouts.NONE);
        HttpResponse<String> res = get("/x");
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(proxy.nextRecord().attempts()).isEqualTo(3);
        assertThat(upstream.requestCount()).isEqualTo(3);
    }

    @Test
    void perTryTimeoutRetriesOnASlowTry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start((req, res, up) -> {
            if (calls.incrementAndGet() == 1) {
                Behaviors.hang().handle(req, res, up);
            } else {
                Behaviors.echo().handle(req, res, up);
            }
        }, retry(1, Duration.ofMillis(300), RetryTrigger.GATEWAY_ERROR), RouteTimeouts.NONE);
        assertThat(get("/slow").statusCode()).isEqualTo(200);
        assertThat(proxy.nextRecord().attempts()).isEqualTo(2);
    }

    @Test
    void requestTimeoutAnswers504() throws Exception {
        start(Behaviors.hang(), RetryPolicy.NONE, new RouteTimeouts(Duration.ofMillis(300), Duration.ZERO));
        HttpResponse<String> res = get("/hang");
        assertThat(res.statusCode()).isEqualTo(504);
        assertThat(res.body()).isEqualTo("{\"status\":504,\"error\":\"request timeout\"}");
        assertThat(proxy.nextRecord().responseFlag()).isEqualTo("request_timeout");
    }

    @Test
    void backendRequestTimeoutAnswers504() throws Exception {
        start(Behaviors.hang(), RetryPolicy.NONE, new RouteTimeouts(Duration.ZERO, Duration.ofMillis(300)));
        HttpResponse<String> res = get("/hang");
        assertThat(res.statusCode()).isEqualTo(504);
        assertThat(proxy.nextRecord().responseFlag()).isEqualTo("upstream_timeout");
    }

    @Test
    void resetWithoutRetryAnswers502() throws Exception {
        start(Behaviors.abort(), RetryPolicy.NONE, RouteTimeouts.NONE);
        HttpResponse<String> res = post("/reset", "x");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(res.body()).isEqualTo("{\"status\":502,\"error\":\"upstream reset\"}");
    }

    @Test
    void connectFailureRetriesOnAnotherEndpoint() throws Exception {
        upstream = FakeUpstream.builder().start();
        TestCluster c = TestCluster.of("a", Loopback.freePort(), upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c,
                retry(1, Duration.ZERO, RetryTrigger.CONNECT_FAILURE), RouteTimeouts.NONE)), c);
        for (int i = 0; i < 4; i++) {
            assertThat(get("/c" + i).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void noEndpointAnswers503AndOpenCircuitAnswers503() throws Exception {
        upstream = FakeUpstream.builder().start();
        TestCluster empty = new TestCluster("empty", io.meshgate.proxy.upstream.UpstreamSettings.DEFAULT, List.of());
        TestCluster open = TestCluster.of("open", upstream.port());
        open.maxRequests = 0;
        Route unresolved = new Route("unresolved", FilterChain.empty(),
                List.of(new WeightedBackend("default/missing", null, 1, FilterChain.empty())), RouteTimeouts.NONE,
                RetryPolicy.NONE, List.of());
        proxy = ProxyHarness.start(new TestRouteTable()
                .route("/empty", ProxyHarness.route("e", empty))
                .route("/open", ProxyHarness.route("o", open))
                .route("/missing", unresolved), empty, open);
        HttpResponse<String> e = get("/empty");
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.body()).isEqualTo("{\"status\":503,\"error\":\"no healthy upstream\"}");
        assertThat(proxy.nextRecord().responseFlag()).isEqualTo("no_healthy_upstream");
        HttpResponse<String> o = get("/open");
        assertThat(o.statusCode()).isEqualTo(503);
        assertThat(proxy.nextRecord().responseFlag()).isEqualTo("circuit_open");
        HttpResponse<String> m = get("/missing");
        assertThat(m.statusCode()).isEqualTo(500);
        assertThat(proxy.nextRecord().responseFlag()).isEqualTo("unresolved_backend");
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void largeNonIdempotentBodyIsNotRetried() throws Exception {
        start(Behaviors.status(503), retry(2, Duration.ZERO, RetryTrigger.FIVE_XX), RouteTimeouts.NONE);
        HttpResponse<String> res = post("/big", "z".repeat(200_000)); // over the 64 KiB replay buffer
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }
}
