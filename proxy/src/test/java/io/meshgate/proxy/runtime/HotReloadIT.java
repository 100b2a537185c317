package io.meshgate.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.reload.ConfigReloader;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload under continuous load, over real sockets: clients keep sending requests (fast ones
 * on pooled connections, slow ones in flight, and one raw keep-alive connection) while the config
 * file is rewritten again and again, valid and invalid. No request may fail, no connection may be
 * dropped, valid changes must take effect and invalid ones must leave the running config alone.
 */
class HotReloadIT {

    @TempDir
    Path dir;

    private FakeUpstream blue;
    private FakeUpstream green;
    private GatewayRuntime gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        blue = FakeUpstream.builder().name("blue").behavior(Behaviors.echo()).start();
        green = FakeUpstream.builder().name("green").behavior(Behaviors.echo()).start();
        port = Loopback.freePort();
        write(config("blue", "/slow"));
        gateway = GatewayRuntime.start(GatewayOptions.of(dir).withThreads(2));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        blue.close();
        green.close();
    }

    private String config(String target, String slowPath) {
        return ConfigYaml.gateway(port) + ConfigYaml.backend("blue", blue.port())
                + ConfigYaml.backend("green", green.port()) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: svc}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /svc}}]
                      backendRefs: [{name: %s}]
                    - matches: [{path: {type: PathPrefix, value: %s}}]
                      backendRefs: [{name: blue}]
                """.formatted(target, slowPath);
    }

    private void write(String yaml) throws Exception {
        ConfigYaml.write(dir, yaml);
    }

    @Test
    void reloadsUnderLoadWithoutAFailedRequestOrADroppedConnection() throws Exception {
        // The slow path answers after 300 ms, so requests are in flight whenever a reload lands.
        blue.behavior((request, responder, upstream) -> {
            if (request.uri().startsWith("/slow")) {
                Behaviors.delay(Duration.ofMillis(300), Behaviors.echo()).handle(request, responder, upstream);
            } else {
                Behaviors.echo().handle(request, responder, upstream);
            }
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> seenUpstreams = new ConcurrentLinkedQueue<>();
        List<Thread> load = new ArrayList<>();
        CountDownLatch warm = new CountDownLatch(3);
        for (String path : List.of("/svc/fast", "/svc/fast", "/slow/x")) {
            Thread t = new Thread(() -> {
                int i = 0;
                while (running.get() && i++ < 100_000) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add(path + " -> " + r.statusCode() + " " + r.body());
                        } else {
                            ok.incrementAndGet();
                            r.headers().firstValue("x-upstream").ifPresent(seenUpstreams::add);
                        }
                    } catch (Exception e) {
                        failures.add(path + " -> " + e);
                    }
                    if (i == 1) {
                        warm.countDown();
                    }
                }
            });
            t.start();
            load.add(t);
        }
        assertThat(warm.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        long maxSwitchMillis = 0;
        try (RawHttpConnection raw = new RawHttpConnection(port)) {
            assertThat(raw.get("example.com", "/svc/raw").header("x-upstream")).isEqualTo("blue");
            String current = "blue";
            for (int round = 0; round < 6; round++) {
                // A valid change: /svc moves to the other upstream.
                String next = current.equals("blue") ? "green" : "blue";
                long seen = gateway.reloads().attempts();
                long version = gateway.snapshot().version();
                long t0 = System.nanoTime();
                write(config(next, "/slow"));
                ConfigReloader.Attempt applied = gateway.reloads().awaitAfter(seen, 20_000);
                assertThat(applied).as("round %d: reload", round).isInstanceOf(ConfigReloader.Ready.class);
                String answered;
                do {
                    answered = raw.get("example.com", "/svc/raw").header("x-upstream");
                } while (!answered.equals(next) && System.nanoTime() - t0 < 20_000_000_000L);
                maxSwitchMillis = Math.max(maxSwitchMillis, (System.nanoTime() - t0) / 1_000_000);
                assertThat(answered).isEqualTo(next);
                assertThat(gateway.snapshot().version()).isGreaterThan(version);
                current = next;

                // An invalid change: rejected, and the running config stays.
                seen = gateway.reloads().attempts();
                version = gateway.snapshot().version();
                write(config(current, "/slow").replace("type: PathPrefix, value: /svc", "type: Prefix, value: /svc"));
                ConfigReloader.Attempt rejected = gateway.reloads().awaitAfter(seen, 20_000);
                assertThat(rejected).as("round %d: rejected", round).isInstanceOf(ConfigReloader.Invalid.class);
                assertThat(((ConfigReloader.Invalid) rejected).errors()).anySatisfy(e -> {
                    assertThat(e.file()).endsWith("gateway.yaml");
                    assertThat(e.resource()).isEqualTo("HTTPRoute default/svc");
                    assertThat(e.fieldPath()).isEqualTo("spec.rules[0].matches[0].path.type");
                });
                assertThat(gateway.snapshot().version()).isEqualTo(version);
                assertThat(raw.get("example.com", "/svc/raw").header("x-upstream")).isEqualTo(current);
            }
            assertThat(raw.isOpen()).isTrue();
        } finally {
            running.set(false);
            for (Thread t : load) {
                t.join(30_000);
            }
        }
        System.out.printf("hot reload under load: %d requests ok, slowest switch observed %d ms%n", ok.get(),
                maxSwitchMillis);
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(ok.get()).isGreaterThan(50);
        assertThat(seenUpstreams).contains("blue", "green");
    }
}
