package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.testkit.SelfSignedCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The h2spec HTTP/2 conformance suite (145 cases) against a meshgate gateway's cleartext (h2c prior
 * knowledge) and TLS (ALPN h2) listeners, with a backend behind so that requests complete. Fails when
 * fewer cases pass than {@code h2spec-baseline.properties} records, and prints every failing case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2SpecIT {
    private static final int CASES = 145;
    /** h2spec's per-case wait for an expected frame; most failing cases cost this much. */
    private static final int CASE_TIMEOUT_SECONDS = 2;

    @TempDir
    static Path dir;
    private OkBackend backend;
    private MeshgateProcess gateway;
    private H2Spec h2spec;
    private int h2cPort;
    private int tlsPort;
    private Properties baseline;

    @BeforeAll
    void start() throws IOException {
        baseline = new Properties();
        try (InputStream in = H2SpecIT.class.getResourceAsStream("/h2spec-baseline.properties")) {
            baseline.load(in);
        }
        h2spec = H2Spec.extractTo(dir);
        backend = OkBackend.start();
        h2cPort = FreePorts.pick();
        tlsPort = FreePorts.pick();
        SelfSignedCertificates.Issued cert = SelfSignedCertificates.newAuthority("h2spec-ca")
                .issue("localhost", "127.0.0.1");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("h2spec.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: edge }
                spec:
                  gatewayClassName: meshgate
                  addresses: [ { type: IPAddress, value: 127.0.0.1 } ]
                  listeners:
                    - { name: h2c, protocol: HTTP, port: %d }
                    - name: tls
                      protocol: HTTPS
                      port: %d
                      tls:
                        mode: Terminate
                        certificateRefs: [ { name: edge-cert } ]
                ---
                %s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: all }
                spec:
                  parentRefs: [ { name: edge } ]
                  rules:
                    - backendRefs: [ { name: ok, port: %d } ]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: { name: ok }
                spec:
                  endpoints: [ { address: 127.0.0.1, port: %d } ]
                """.formatted(h2cPort, tlsPort, Configs.tlsSecret("edge-cert", cert.chainPem(), cert.privateKeyPem()).strip(),
                backend.port(), backend.port()));
        gateway = MeshgateProcess.start(dir, "gateway", "--config", config.toString(),
                "--admin", "127.0.0.1:" + FreePorts.pick())
                .awaitPort(h2cPort, Duration.ofSeconds(30))
                .awaitPort(tlsPort, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void cleartextListenerWithPriorKnowledge() {
        check(h2spec.run(h2cPort, false, CASE_TIMEOUT_SECONDS, dir), "h2c");
    }

    @Test
    void tlsListenerWithAlpn() {
        check(h2spec.run(tlsPort, true, CASE_TIMEOUT_SECONDS, dir), "tls");
    }

    private void check(H2Spec.Report report, String listener) {
        // Shown in the build log either way: the figure to report, and what to fix next.
        System.out.printf("h2spec %s listener: %s%n", listener, report.summary());
        int recorded = Integer.parseInt(baseline.getProperty(listener + ".passed"));
        assertThat(report.total()).as("h2spec cases run").isEqualTo(CASES);
        assertThat(report.passed())
                .as("h2spec cases passed on the %s listener (recorded: %d)%n%s", listener, recorded, report.summary())
                .isGreaterThanOrEqualTo(recorded);
    }
}
