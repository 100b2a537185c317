package io.meshgate.proxy.upstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.RouteTable;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.route.WeightedBackend;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.proxy.server.ProxyServerOptions;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.snapshot.SnapshotHolder;
import io.meshgate.proxy.telemetry.ProxyMetrics;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.health.HealthCheckConfig;
import io.meshgate.proxy.upstream.lb.HashKey;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import io.meshgate.proxy.upstream.outlier.OutlierConfig;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clusters in the real engine: requests through a {@link ProxyServer} on 127.0.0.1 reach fake
 * upstreams as load balancing, health checks, outlier detection and the circuit breaker decide,
 * and the metrics tell what happened.
 */
@ExtendWith(LeakDetection.class)
class ClusterTrafficIT {

    private final EventLoopGroup control = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ClusterRuntime runtime = new NettyClusterRuntime(control, NioSocketChannel.class);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<AutoCloseable> open = new ArrayList<>();
    private @Nullable ProxyMetrics metrics;
    private int port;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        control.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** An upstream answering its name with 200, and {@code /healthz} with {@code health}. */
    private FakeUpstream upstream(String name, AtomicInteger status, AtomicInteger health) {
        FakeUpstream u = FakeUpstream.builder().name(name).behavior((req, res, up) -> {
            int code = req.uri().equals("/healthz") ? health.get() : status.get();
            res.respond(code, new DefaultHttpHeaders(), up.name().getBytes(StandardCharsets.UTF_8));
        }).start();
        open.add(u);
        return u;
    }

    private DefaultCluster proxy(ClusterConfig config) {
        DefaultCluster cluster = new DefaultCluster(config, runtime);
        cluster.start();
        open.add(cluster::close);
        Route route = new Route("default/shop/rule/0", FilterChain.empty(),
                List.of(new WeightedBackend(cluster.name(), cluster, 1, FilterChain.empty())),
                RouteTimeouts.NONE, RetryPolicy.NONE, List.of());
        RouteTable table = new RouteTable() {
            @Override
            public Route match(Exchange exchange) {
                return route;
            }

            @Override
            public int size() {
                return 1;
            }
        };
        Map<String, Cluster> clusters = new HashMap<>();
        clusters.put(cluster.name(), cluster);
        SnapshotHolder holder = new SnapshotHolder(new ProxySnapshot(1, List.of(new ListenerPort("127.0.0.1", 0,
                null, table, ListenerLimits.DEFAULTS)), clusters, "[]"));
        metrics = new ProxyMetrics(() -> holder.current().clusters().values());
        ProxyServer server = new ProxyServer(holder, ProxyServerOptions.defaults().withEventLoopThreads(2)
                .withListener(metrics)).start();
        open.add(server);
        port = server.localPort("127.0.0.1", 0);
        return cluster;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Endpoint endpoint(FakeUpstream u) {
        return new Endpoint("127.0.0.1", u.port(), 1);
    }

    @Test
    void failingEndpointIsEjectedAndTrafficMovesToTheOther() throws Exception {
        AtomicInteger badStatus = new AtomicInteger(500);
        FakeUpstream good = upstream("good", new AtomicInteger(200), new AtomicInteger(200));
        FakeUpstream bad = upstream("bad", badStatus, new AtomicInteger(200));
        DefaultCluster cluster = proxy(ClusterConfig.of("default/shop", List.of(endpoint(good), endpoint(bad)))
                .withLoadBalancer(LoadBalancers.roundRobin())
                .withOutlierDetection(new OutlierConfig(3, 0, 0, false, Duration.ofSeconds(1),
                        Duration.ofSeconds(60), Duration.ofSeconds(300), 50)));

        int errors = 0;
        for (int i = 0; i < 20; i++) {
            if (get("/cart").statusCode() == 500) {
                errors++;
            }
        }
        assertThat(errors).isEqualTo(3); // round robin sends every other request to "bad" until it is ejected
        assertThat(cluster.endpointStatuses()).extracting(s -> s.ejected()).containsExactly(false, true);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = get("/cart");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("good");
        }
        // The engine reports an exchange once its last byte is written, which can be just after the
        // client has read the response: wait for the last one to be counted.
        String lastCounted = "meshgate_requests_total{cluster=\"default/shop\",method=\"GET\",route=\"default/shop/rule/0\",status_class=\"2xx\"} 27";
        awaitTrue(() -> metrics.scrape().contains(lastCounted));
        assertThat(metrics.scrape())
                .contains("meshgate_endpoint_ejected{cluster=\"default/shop\",endpoint=\"127.0.0.1:" + bad.port() + "\"} 1")
                .contains("meshgate_requests_total{cluster=\"default/shop\",method=\"GET\",route=\"default/shop/rule/0\",status_class=\"5xx\"} 3")
                .contains("meshgate_requests_total{cluster=\"default/shop\",method=\"GET\",route=\"default/shop/rule/0\",status_class=\"2xx\"} 27");
    }

    @Test
    void endpointFailingHealthChecksGetsNoTrafficUntilItRecovers() throws Exception {
        AtomicInteger bHealth = new AtomicInteger(503);
        FakeUpstream a = upstream("a", new AtomicInteger(200), new AtomicInteger(200));
        FakeUpstream b = upstream("b", new AtomicInteger(200), bHealth);
        DefaultCluster cluster = proxy(ClusterConfig.of("default/shop", List.of(endpoint(a), endpoint(b)))
                .withHealthCheck(new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/healthz", "GET", Set.of(200),
                        Duration.ofMillis(100), Duration.ofSeconds(2), 1, 1)));
        awaitTrue(() -> cluster.endpointSet().available().size() == 1);
        for (int i = 0; i < 10; i++) {
            assertThat(get("/").body()).isEqualTo("a");
        }
        assertThat(metrics.scrape())
                .contains("meshgate_endpoint_healthy{cluster=\"default/shop\",endpoint=\"127.0.0.1:" + b.port() + "\"} 0");

        bHealth.set(200);
        awaitTrue(() -> cluster.endpointSet().available().size() == 2);
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 40 && seen.size() < 2; i++) {
            seen.add(get("/").body());
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void consistentHashKeepsAUserOnOneEndpoint() throws Exception {
        List<FakeUpstream> ups = new ArrayList<>();
        List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeUpstream u = upstream("u" + i, new AtomicInteger(200), new AtomicInteger(200));
            ups.add(u);
            eps.add(endpoint(u));
        }
        proxy(ClusterConfig.of("default/shop", eps).withLoadBalancer(LoadBalancers.consistentHash(HashKey.header("x-user"))));
        Set<String> servedBy = new java.util.HashSet<>();
        for (int user = 0; user < 12; user++) {
            String first = get("/", "x-user", "user-" + user).body();
            servedBy.add(first);
            for (int i = 0; i < 3; i++) {
                assertThat(get("/", "x-user", "user-" + user).body()).isEqualTo(first);
            }
        }
        assertThat(servedBy).hasSizeGreaterThan(1);
    }

    @Test
    void requestsPastMaxParallelRequestsGet503() throws Exception {
        FakeUpstream slow = FakeUpstream.builder().name("slow").behavior((req, res, up) -> {
            if (!req.uri().equals("/hang")) {
                res.respond(200, new DefaultHttpHeaders(), new byte[0]);
            }
            // "/hang" is never answered: it holds its request slot until the client gives up.
        }).start();
        open.add(slow);
        proxy(ClusterConfig.of("default/shop", List.of(endpoint(slow)))
                .withLimits(new CircuitBreakerLimits(1024, 1024, 1, 1024)));
        var hanging = client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hang"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> slow.requestCount() == 1);
        HttpResponse<String> refused = get("/ok");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("circuit open");
        // No try was made, so the record names no cluster (ExchangeRecord: "the cluster of the last try").
        awaitTrue(() -> metrics.scrape().contains("meshgate_response_flags_total{cluster=\"none\","
                + "flag=\"circuit_open\",route=\"default/shop/rule/0\"} 1"));
        hanging.cancel(true);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
