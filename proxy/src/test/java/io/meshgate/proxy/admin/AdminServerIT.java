package io.meshgate.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.telemetry.ExchangeRecord;
import io.meshgate.proxy.telemetry.ProxyMetrics;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import io.meshgate.proxy.upstream.cluster.DefaultCluster;
import io.meshgate.proxy.upstream.cluster.NettyClusterRuntime;
import io.meshgate.proxy.upstream.outlier.OutlierConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.meshgate.testkit.LeakDetection;

/** The admin listener over a real socket on 127.0.0.1, driven by the JDK HttpClient and curl. */
@ExtendWith(LeakDetection.class)
class AdminServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Endpoint A = new Endpoint("10.0.0.1", 8080, 2);
    private static final Endpoint B = new Endpoint("10.0.0.2", 8080, 1);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicReference<ProxySnapshot> snapshot = new AtomicReference<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private DefaultCluster cluster;
    private ProxyMetrics metrics;
    private AdminServer server;

    @BeforeEach
    void start() {
        ClusterConfig config = ClusterConfig.of("default/shop", List.of(A, B))
                .withOutlierDetection(new OutlierConfig(2, 0, 0, false, Duration.ofSeconds(10),
                        Duration.ofSeconds(60), Duration.ofSeconds(300), 50));
        cluster = new DefaultCluster(config, new NettyClusterRuntime(group, NioSocketChannel.class));
        cluster.start();
        metrics = new ProxyMetrics(() -> {
            ProxySnapshot s = snapshot.get();
            return s == null ? List.<Cluster>of() : s.clusters().values();
        });
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0),
                new AdminSources(ready::get, snapshot::get, metrics));
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void readyIs503UntilTheFirstSnapshotIsServed() throws Exception {
        HttpResponse<String> before = get("/ready");
        assertThat(before.statusCode()).isEqualTo(503);
        snapshot.set(snapshot(1));
        ready.set(true);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        snapshot.set(snapshot(3));
        metrics.onExchange(new ExchangeRecord("r1", "HTTP/1.1", "GET", "shop.example", "/cart", "192.0.2.1",
                "default/shop/rule/0", "default/shop", A.authority(), 200, null, 1, 0, 10,
                System.currentTimeMillis(), 2_000_000, 1_000_000, "test"));
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body())
                .contains("# TYPE meshgate_requests_total counter")
                .contains("meshgate_requests_total{cluster=\"default/shop\",method=\"GET\",route=\"default/shop/rule/0\",status_class=\"2xx\"} 1")
                .contains("# TYPE meshgate_request_duration_seconds histogram")
                .contains("meshgate_endpoint_healthy{cluster=\"default/shop\",endpoint=\"10.0.0.1:8080\"} 1");
    }

    @Test
    void configShowsTheVersionAndTheResources() throws Exception {
        snapshot.set(snapshot(7));
        HttpResponse<String> r = get("/config");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("version").asLong()).isEqualTo(7);
        assertThat(body.at("/resources/0/kind").asText()).isEqualTo("Backend");
        assertThat(body.at("/resources/0/metadata/name").asText()).isEqualTo("shop");
    }

    @Test
    void clustersShowHealthAndEjectionAsTheyChange() throws Exception {
        snapshot.set(snapshot(1));
        JsonNode before = JSON.readTree(get("/clusters").body());
        assertThat(before.at("/clusters/0/name").asText()).isEqualTo("default/shop");
        assertThat(before.at("/clusters/0/protocol").asText()).isEqualTo("HTTP1");
        assertThat(before.at("/clusters/0/endpoints/0/address").asText()).isEqualTo("10.0.0.1:8080");
        assertThat(before.at("/clusters/0/endpoints/0/weight").asInt()).isEqualTo(2);
        assertThat(before.at("/clusters/0/endpoints/0/healthy").asBoolean()).isTrue();
        assertThat(before.at("/clusters/0/endpoints/0/ejected").asBoolean()).isFalse();

        cluster.onTryStart(B);
        cluster.onTryEnd(B, Outcome.GATEWAY_ERROR, 1);
        cluster.onTryStart(B);
        cluster.onTryEnd(B, Outcome.CONNECT_FAILURE, 1);
        JsonNode after = JSON.readTree(get("/clusters").body());
        assertThat(after.at("/clusters/0/endpoints/1/ejected").asBoolean()).isTrue();
        assertThat(get("/metrics").body())
                .contains("meshgate_endpoint_ejected{cluster=\"default/shop\",endpoint=\"10.0.0.2:8080\"} 1");
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("no such admin endpoint: /nope");

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/ready"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/config"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void curlCanScrapeOverOneKeepAliveConnection() throws Exception {
        snapshot.set(snapshot(1));
        ready.set(true);
        String base = "http://127.0.0.1:" + server.port();
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-o", "/dev/null",
                "-w", "%{http_code} %{num_connects}\\n", base + "/ready", base + "/metrics")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        // Two requests, one connection: the second reuses the first's.
        assertThat(out.lines().toList()).containsExactly("200 1", "200 0");
    }

    @Test
    void bindFailureNamesTheAddress() throws IOException {
        int taken = server.port();
        try {
            AdminServer.start(new InetSocketAddress("127.0.0.1", taken),
                    new AdminSources(ready::get, snapshot::get, metrics)).close();
            throw new AssertionError("bound a port already in use");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).startsWith("cannot bind the admin listener to 127.0.0.1:" + taken + ": ");
        }
    }

    private ProxySnapshot snapshot(long version) {
        String config = "[{\"apiVersion\":\"meshgate.io/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"shop\",\"namespace\":\"default\"}}]";
        return new ProxySnapshot(version, List.of(), Map.of(cluster.name(), cluster), config);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
