package io.meshgate.proxy.upstream.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.runtime.GatewayOptions;
import io.meshgate.proxy.runtime.GatewayRuntime;
import io.meshgate.proxy.runtime.InvalidConfigException;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.Loopback;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * BackendTrafficPolicy end to end: a gateway started from YAML written here, two fake upstreams,
 * and what a user sees: answers, cookies, the admin listener, the metrics and the access log.
 */
@ExtendWith(LeakDetection.class)
class TrafficPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger bStatus = new AtomicInteger(200);
    private final AtomicInteger bHealth = new AtomicInteger(200);
    private FakeUpstream a;
    private FakeUpstream b;
    private int port;

    @BeforeEach
    void upstreams() {
        a = upstream("a", new AtomicInteger(200), new AtomicInteger(200));
        b = upstream("b", bStatus, bHealth);
        port = Loopback.freePort();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    private static FakeUpstream upstream(String name, AtomicInteger status, AtomicInteger health) {
        return FakeUpstream.builder().name(name).behavior((req, res, up) -> {
            int code = req.uri().equals("/healthz") ? health.get() : status.get();
            res.respond(code, new DefaultHttpHeaders(), up.name().getBytes(StandardCharsets.UTF_8));
        }).start();
    }

    private GatewayRuntime start(String policySpec) throws Exception {
        String yaml = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners: [{name: http, protocol: HTTP, port: %d}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - backendRefs: [{name: shop}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: shop}
                spec:
                  endpoints:
                    - {address: 127.0.0.1, port: %d}
                    - {address: 127.0.0.1, port: %d}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: shop}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop}]
                """.formatted(port, a.port(), b.port()) + policySpec.indent(2);
        Files.writeString(dir.resolve("gateway.yaml"), yaml);
        return GatewayRuntime.start(GatewayOptions.of(dir.resolve("gateway.yaml")).withThreads(1).withWatch(false)
                .withAdmin(new InetSocketAddress("127.0.0.1", 0))
                .withAccessLog(dir.resolve("access.log").toString()));
    }

    private HttpResponse<String> get(int p, String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void retriesHideA503AndOutlierDetectionEjectsItsSource() throws Exception {
        bStatus.set(503);
        try (GatewayRuntime gw = start("""
                loadBalancer: {type: RoundRobin}
                retry:
                  numRetries: 2
                  retryOn: {triggers: [retriable-status-codes], httpStatusCodes: [503]}
                  perRetry: {backOff: {baseInterval: 1ms, maxInterval: 5ms}}
                healthCheck:
                  passive: {consecutive5XxErrors: 3, baseEjectionTime: 1m, maxEjectionPercent: 50}
                """)) {
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> r = get(port, "/cart");
                assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
                assertThat(r.body()).isEqualTo("a");
            }
            int admin = gw.adminAddress().getPort();
            JsonNode clusters = JSON.readTree(get(admin, "/clusters").body());
            JsonNode cluster = clusters.at("/clusters/0");
            assertThat(cluster.get("name").asText()).isEqualTo("default/shop@default/shop");
            assertThat(cluster.at("/endpoints/1/address").asText()).isEqualTo("127.0.0.1:" + b.port());
            assertThat(cluster.at("/endpoints/1/ejected").asBoolean()).isTrue();
            assertThat(b.requestCount()).isEqualTo(3); // ejected after its third 503; never tried again

            String metrics = get(admin, "/metrics").body();
            assertThat(metrics)
                    .contains("meshgate_upstream_retries_total{cluster=\"default/shop@default/shop\","
                            + "route=\"default/shop/rule/0\"} 3")
                    .contains("meshgate_endpoint_ejected{cluster=\"default/shop@default/shop\",endpoint=\"127.0.0.1:"
                            + b.port() + "\"} 1");
        }
        List<String> log = Files.readAllLines(dir.resolve("access.log"));
        assertThat(log).hasSize(12);
        int retried = 0;
        for (String line : log) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("status").asInt()).isEqualTo(200);
            assertThat(n.get("endpoint").asText()).isEqualTo("127.0.0.1:" + a.port());
            retried += n.get("attempts").asInt() - 1;
        }
        assertThat(retried).isEqualTo(3);
    }

    @Test
    void activeHealthChecksTakeAnEndpointOutAndBack() throws Exception {
        bHealth.set(500);
        try (GatewayRuntime gw = start("""
                healthCheck:
                  active:
                    type: HTTP
                    http: {path: /healthz}
                    interval: 100ms
                    timeout: 2s
                """)) {
            int admin = gw.adminAddress().getPort();
            awaitTrue(() -> bodyOf(admin, "/clusters").contains("\"healthy\":false"));
            for (int i = 0; i < 10; i++) {
                assertThat(get(port, "/").body()).isEqualTo("a");
            }
            bHealth.set(200);
            awaitTrue(() -> !bodyOf(admin, "/clusters").contains("\"healthy\":false"));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 50 && seen.size() < 2; i++) {
                seen.add(get(port, "/").body());
            }
            assertThat(seen).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void cookieAffinityHandsOutACookieAndKeepsTheClientOnOneEndpoint() throws Exception {
        try (GatewayRuntime gw = start("""
                loadBalancer:
                  type: ConsistentHash
                  consistentHash:
                    type: Cookie
                    cookie: {name: shop-session, ttl: 30m, attributes: {SameSite: Lax}}
                """)) {
            Set<String> endpoints = new HashSet<>();
            // Each new client's cookie is random, so it lands on either endpoint with even odds: 20
            // clients all on one endpoint (a broken hash) has a 2^-19 chance, where 8 had 1/128.
            for (int client = 0; client < 20; client++) {
                HttpResponse<String> first = get(port, "/");
                String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
                assertThat(setCookie).matches("shop-session=[0-9a-f]{32}; Max-Age=1800; Path=/; HttpOnly; SameSite=Lax");
                String cookie = setCookie.substring(0, setCookie.indexOf(';'));
                endpoints.add(first.body());
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> next = get(port, "/", "cookie", cookie);
                    assertThat(next.body()).isEqualTo(first.body());
                    assertThat(next.headers().firstValue("set-cookie")).isEmpty();
                }
            }
            assertThat(endpoints).as("20 clients all landed on one endpoint").hasSize(2);
        }
    }

    @Test
    void anUnsupportedFieldRejectsTheConfigNamingThePolicyAndTheField() {
        assertThatThrownBy(() -> start("timeout: {http: {maxConnectionDuration: 1h}}"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> {
                            assertThat(err.resource()).isEqualTo("BackendTrafficPolicy default/shop");
                            assertThat(err.toString()).contains("timeout.http.maxConnectionDuration");
                        }));
    }

    private String bodyOf(int p, String path) {
        try {
            return get(p, path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
