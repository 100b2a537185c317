package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.testing.integration.TestServiceClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * grpc-java's interop suite ({@code io.grpc:grpc-interop-testing}): each case of its
 * {@code TestServiceClient} runs first straight against its {@code TestService}, then through a
 * meshgate gateway (HTTP/2 cleartext both sides). A case that passes directly must pass through
 * meshgate too; a case that fails directly says nothing about meshgate and is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcInteropIT {
    /**
     * Every case of {@code TestServiceClient} that needs no cloud credentials, no second backend and
     * no load-reporting side channel. Left out as well: {@code client_compressed_unary} and
     * {@code client_compressed_streaming}, whose compression probe grpc-java's own TestService does
     * not implement (they fail without meshgate, the streaming one after a 15 s wait); their
     * {@code _noprobe} variants are in.
     */
    static List<String> cases() {
        return List.of("empty_unary", "large_unary", "client_compressed_unary_noprobe",
                "server_compressed_unary", "client_streaming",
                "client_compressed_streaming_noprobe", "server_streaming", "server_compressed_streaming",
                "ping_pong", "empty_stream", "custom_metadata", "status_code_and_message", "special_status_message",
                "unimplemented_method", "unimplemented_service", "cancel_after_begin", "cancel_after_first_response",
                "timeout_on_sleeping_server", "very_large_request");
    }

    /** Cases known to fail through meshgate today, each with the reason; empty is the goal. */
    static final String KNOWN_FAILURES = "grpc-interop-known-failures.txt";
    private static final Duration CASE_LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "interop-client");
        t.setDaemon(true);
        return t;
    });
    private InteropBackend backend;
    private MeshgateProcess gateway;
    private int gatewayPort;

    private Map<String, String> knownFailures;

    @BeforeAll
    void start() throws IOException {
        knownFailures = loadKnownFailures();
        backend = InteropBackend.start();
        gatewayPort = FreePorts.pick();
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("grpc.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: edge }
                spec:
                  gatewayClassName: meshgate
                  addresses: [ { type: IPAddress, value: 127.0.0.1 } ]
                  listeners:
                    - { name: http, protocol: HTTP, port: %d }
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: interop }
                spec:
                  parentRefs: [ { name: edge } ]
                  rules:
                    - matches: [ { path: { type: PathPrefix, value: / } } ]
                      backendRefs: [ { name: interop, port: %d } ]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: { name: interop }
                spec:
                  appProtocol: h2c
                  endpoints: [ { address: 127.0.0.1, port: %d } ]
                """.formatted(gatewayPort, backend.port(), backend.port()));
        gateway = MeshgateProcess.start(dir, "gateway", "--config", config.toString(),
                "--admin", "127.0.0.1:" + FreePorts.pick()).awaitPort(gatewayPort, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws InterruptedException {
        runner.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesThroughMeshgateWhenItPassesDirect(String testCase) {
        Throwable direct = runCase(backend.port(), testCase);
        assumeTrue(direct == null, () -> testCase + " fails without meshgate too: " + direct);
        Throwable proxied = runCase(gatewayPort, testCase);
        String known = knownFailures.get(testCase);
        if (known != null) {
            // A ratchet: a known failure is reported (as skipped) until it passes, then it must leave the list.
            assertThat(proxied).as("%s passes through meshgate now: remove it from %s", testCase, KNOWN_FAILURES)
                    .isNotNull();
            assumeTrue(false, () -> testCase + " fails through meshgate (known: " + known + "): " + proxied);
        }
        assertThat(proxied).as("%s through meshgate (gateway output:%n%s)", testCase, gateway.output()).isNull();
    }

    /** Case name to reason, from {@link #KNOWN_FAILURES}: {@code case  # why}, one a line. */
    private static Map<String, String> loadKnownFailures() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        try (InputStream in = GrpcInteropIT.class.getResourceAsStream("/" + KNOWN_FAILURES)) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    int hash = t.indexOf('#');
                    String name = (hash < 0 ? t : t.substring(0, hash)).strip();
                    known.put(name, hash < 0 ? "" : t.substring(hash + 1).strip());
                }
            }
        }
        return known;
    }

    /**
     * Runs one case with the suite's own client, as its command line would; returns what it threw.
     * Some cases wait on blocking calls without a deadline, so a case that hangs is abandoned (and
     * counted as failed) after {@link #CASE_LIMIT}.
     */
    private @Nullable Throwable runCase(int port, String testCase) {
        Future<?> run = runner.submit(() -> {
            TestServiceClient.main(new String[] {"--server_host=127.0.0.1", "--server_port=" + port,
                "--use_tls=false", "--test_case=" + testCase});
            return null;
        });
        try {
            run.get(CASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            run.cancel(true);
            return new AssertionError(testCase + " did not finish within " + CASE_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
