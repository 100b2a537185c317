package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.ratelimit.RateLimitPolicyCompiler;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits over real sockets: two gateway instances (each its own ProxyServer, policy compiler
 * and Redis connection, as two processes would have) in front of one fake backend, sharing one
 * real redis-server; driven concurrently by the JDK HTTP client.
 */
class RateLimitIT {

    /** The global quota: per hour, so refill during the test (~0.06 tokens/s) cannot blur the count. */
    static final int QUOTA = 200;

    static RedisServer redis;
    static FakeUpstream backend;
    static final List<Gateway> gateways = new ArrayList<>();
    static HttpClient client;

    record Gateway(DefaultEventLoopGroup loops, RateLimitPolicyCompiler compiler, ProxyServer server, String base) {
        void close() {
            server.close();
            compiler.close();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    static String config(String redisUrl) {
        return SnapshotCompilerTest.GATEWAY + SnapshotCompilerTest.backend("accounts", backend.port())
                + SnapshotCompilerTest.route("accounts", """
                - matches: [{path: {type: PathPrefix, value: /global}}]
                  backendRefs: [{name: accounts, port: 80}]
                - name: local
                  matches: [{path: {type: PathPrefix, value: /local}}]
                  backendRefs: [{name: accounts, port: 80}]
                """) + """
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: shared-quota}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts}]
                  rateLimit:
                    type: Global
                    global:
                      redis: {url: "%s", timeout: 2s}
                      rules:
                        - clientSelectors: [{headers: [{name: x-user, type: Distinct}]}]
                          limit: {requests: %d, unit: Hour}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: per-instance}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: local}]
                  rateLimit:
                    type: Local
                    local:
                      rules:
                        - limit: {requests: 5, unit: Minute}
                """.formatted(redisUrl, QUOTA);
    }

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        backend = FakeUpstream.start(Behaviors.text(200, "ok"));
        for (int i = 0; i < 2; i++) {
            DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
            RateLimitPolicyCompiler compiler = new RateLimitPolicyCompiler(
                    new PolicyEnvironment(loops, Clock.systemUTC(), new SimpleMeterRegistry()));
            Compiling c = new Compiling();
            c.policies.add(compiler);
            ProxyServer server = LoopbackProxy.start(c.apply(config(redis.url())), 2);
            gateways.add(new Gateway(loops, compiler, server, LoopbackProxy.base(server)));
        }
        client = LoopbackProxy.client();
    }

    @AfterAll
    static void stop() {
        gateways.forEach(Gateway::close);
        if (backend != null) {
            backend.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static HttpResponse<String> get(Gateway g, String path, String user) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(g.base() + path)).timeout(Duration.ofSeconds(20))
                .header("x-user", user).GET().build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGlobalLimitHoldsAcrossTwoGatewaysUnderConcurrentLoad() throws Exception {
        int attempts = 2 * QUOTA;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Gateway g = gateways.get(i % 2);
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = get(g, "/global/balance", "alice");
                    if (r.statusCode() == 200) {
                        admitted.incrementAndGet();
                        if (r.headers().firstValue("ratelimit-remaining").isEmpty()) {
                            problems.add("200 without RateLimit-Remaining");
                        }
                    } else if (r.statusCode() == 429) {
                        limited.incrementAndGet();
                        if (r.headers().firstValue("retry-after").isEmpty()
                                || !r.headers().firstValue("ratelimit-limit").equals(java.util.Optional.of("" + QUOTA))) {
                            problems.add("429 without Retry-After/RateLimit-Limit: " + r.headers().map());
                        }
                    } else {
                        problems.add("status " + r.statusCode() + ": " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("global limit %d/h: %d of %d requests admitted across two gateways%n", QUOTA,
                admitted.get(), attempts);
        assertThat(problems).isEmpty();
        assertThat(admitted.get() + limited.get()).isEqualTo(attempts);
        // The bound the docs state: at most burst + rate x elapsed; within 5% is the acceptance line.
        assertThat(admitted.get()).isBetween(QUOTA, (int) (QUOTA * 1.05));
        // A different client has its own bucket, on either gateway.
        assertThat(get(gateways.get(1), "/global/balance", "bob").statusCode()).isEqualTo(200);
    }

    @Test
    void aLocalLimitCountsPerGatewayInstance() throws Exception {
        for (Gateway g : gateways) {
            int ok = 0;
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> r = get(g, "/local/x", "carol");
                ok += r.statusCode() == 200 ? 1 : 0;
                if (r.statusCode() == 429) {
                    assertThat(r.headers().firstValue("retry-after")).hasValue("12");
                    assertThat(r.headers().firstValue("ratelimit-remaining")).hasValue("0");
                }
            }
            assertThat(ok).isEqualTo(5);
        }
    }
}
