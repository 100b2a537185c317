package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.telemetry.ExchangeRecord;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP/1.1 in, route, HTTP/1.1 upstream pool, response: the basic path over real sockets. */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class Http1ProxyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private FakeUpstream upstream;
    private ProxyHarness proxy;
    private TestCluster cluster;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.builder().name("a").behavior(Behaviors.echo()).start();
        cluster = TestCluster.of("default/a", upstream.port());
        int dead = Loopback.freePort();
        TestCluster deadCluster = TestCluster.of("default/dead", dead);
        proxy = ProxyHarness.start(new TestRouteTable()
                .route("/dead", ProxyHarness.route("default/dead/rule/0", deadCluster))
                .route("/", ProxyHarness.route("default/a/rule/0", cluster)), cluster, deadCluster);
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPooledConnectionIdleLongerThanTheClusterIdleTimeoutIsClosed() throws Exception {
        FakeUpstream idle = FakeUpstream.builder().name("idle").behavior(Behaviors.echo()).start();
        TestCluster shortIdle = TestCluster.of("default/idle", new io.meshgate.proxy.upstream.UpstreamSettings(
                io.meshgate.proxy.upstream.UpstreamProtocol.HTTP1, false, "localhost", false, Duration.ofSeconds(5),
                Duration.ofMillis(300), 0), idle.port());
        try (ProxyHarness p = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", shortIdle)),
                shortIdle)) {
            HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(p.url("/x")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            for (int i = 0; i < 200 && idle.openConnections() > 0; i++) { // up to 10 s for a 0.3 s timeout
                Thread.sleep(50);
            }
            assertThat(idle.openConnections()).as("the pooled connection, idle past 300 ms").isZero();
        } finally {
            idle.close();
        }
    }

    @Test
    void forwardsRequestAndAddsForwardingHeaders() throws Exception {
        HttpResponse<String> res = get("/hello?x=1");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(res.body());
        assertThat(echo.get("method").asText()).isEqualTo("GET");
        assertThat(echo.get("uri").asText()).isEqualTo("/hello?x=1");
        JsonNode h = echo.get("headers");
        assertThat(h.get("x-forwarded-for").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(h.get("x-forwarded-proto").get(0).asText()).isEqualTo("http");
        assertThat(h.get("x-forwarded-host").get(0).asText()).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(h.get("host").get(0).asText()).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(h.get("x-request-id").get(0).asText()).hasSize(36);
        assertThat(res.headers().firstValue("x-upstream")).hasValue("a");

        ExchangeRecord rec = proxy.nextRecord();
        assertThat(rec.status()).isEqualTo(200);
        assertThat(rec.routeId()).isEqualTo("default/a/rule/0");
        assertThat(rec.cluster()).isEqualTo("default/a");
        assertThat(rec.endpoint()).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(rec.attempts()).isEqualTo(1);
        assertThat(rec.responseFlag()).isNull();
        assertThat(rec.requestId()).isEqualTo(h.get("x-request-id").get(0).asText());
    }

    @Test
    void keepsClientRequestId() throws Exception {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(proxy.url("/")))
                .header("x-request-id", "abc-123").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(res.body()).get("headers").get("x-request-id").get(0).asText()).isEqualTo("abc-123");
    }

    @Test
    void forwardsBodies() throws Exception {
        String body = "x".repeat(100_000);
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(proxy.url("/upload")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(res.body());
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("bodyLength").asLong()).isEqualTo(100_000);
        assertThat(echo.get("body").asText()).isEqualTo(body);
    }

    @Test
    void reusesUpstreamConnections() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/r" + i).statusCode()).isEqualTo(200);
        }
        // two event loops, so at most two pools; sequential requests never need more than one connection each
        assertThat(upstream.connectionsAccepted()).isLessThanOrEqualTo(2);
        assertThat(upstream.requestCount()).isEqualTo(20);
    }

    @Test
    void answers404WithJsonWhenNoRouteMatches() throws Exception {
        try (ProxyHarness empty = ProxyHarness.start(new TestRouteTable())) {
            HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(empty.url("/nothing"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(404);
            assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(res.body()).isEqualTo("{\"status\":404,\"error\":\"no route\"}");
            assertThat(empty.nextRecord().responseFlag()).isEqualTo("no_route");
        }
    }

    @Test
    void answers502WhenUpstreamRefusesConnections() throws Exception {
        HttpResponse<String> res = get("/dead");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(res.body()).isEqualTo("{\"status\":502,\"error\":\"upstream connect failure\"}");
        ExchangeRecord rec = proxy.nextRecord();
        assertThat(rec.responseFlag()).isEqualTo("upstream_connect_failure");
        assertThat(rec.status()).isEqualTo(502);
    }
}
