package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.demo.BankServices;
import io.meshgate.testkit.SelfSignedCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshgate gateway --config DIR} as a process in front of the demo bank services, driven by
 * curl over HTTP/1.1, h2c (prior knowledge) and TLS (ALPN h2 and http/1.1, verified with --cacert).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private BankServices bank;
    private MeshgateProcess gateway;
    private int httpPort;
    private int httpsPort;
    private Path caFile;

    @BeforeAll
    void start() throws IOException {
        bank = BankServices.start(InetAddress.getLoopbackAddress(), BankServices.Ports.EPHEMERAL);
        httpPort = FreePorts.pick();
        httpsPort = FreePorts.pick();
        SelfSignedCertificates ca = SelfSignedCertificates.newAuthority("e2e-ca");
        SelfSignedCertificates.Issued cert = ca.issue("bank.example.com", "127.0.0.1");
        caFile = dir.resolve("ca.crt");
        Files.writeString(caFile, ca.caCertificatePem());
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: bank }
                spec:
                  gatewayClassName: meshgate
                  addresses: [ { type: IPAddress, value: 127.0.0.1 } ]
                  listeners:
                    - { name: http, protocol: HTTP, port: %d }
                    - name: https
                      protocol: HTTPS
                      port: %d
                      tls:
                        mode: Terminate
                        certificateRefs: [ { name: bank-cert } ]
                ---
                """.formatted(httpPort, httpsPort) + Configs.tlsSecret("bank-cert", cert.chainPem(), cert.privateKeyPem()));
        Files.writeString(config.resolve("routes.yaml"),
                Configs.route("bank", "accounts", "/accounts", bank.server("accounts").address().getPort()) + "---\n"
                + Configs.route("bank", "activity", "/activity", bank.server("activity").address().getPort()));
        gateway = MeshgateProcess.start(dir, "gateway", "--config", config.toString(),
                "--admin", "127.0.0.1:" + FreePorts.pick())
                .awaitPort(httpPort, Duration.ofSeconds(30))
                .awaitPort(httpsPort, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (bank != null) {
            bank.close();
        }
    }

    private String http(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Test
    void http11ReachesTheRightService() throws IOException {
        Curl.Response r = Curl.run("--http1.1", http("/accounts/alice"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.httpVersion()).isEqualTo("1.1");
        assertThat(r.header("x-service")).hasValue("accounts");
        assertThat(JSON.readTree(r.body()).get("name").asText()).isEqualTo("Alice Martin");

        Curl.Response activity = Curl.run("--http1.1", http("/activity/bob?limit=2"));
        assertThat(activity.status()).as(activity.toString()).isEqualTo(200);
        assertThat(activity.header("x-service")).hasValue("activity");
        assertThat(JSON.readTree(activity.body()).get("transactions")).hasSize(2);
    }

    @Test
    void h2cWithPriorKnowledge() throws IOException {
        Curl.Response r = Curl.run("--http2-prior-knowledge", http("/accounts/bob"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.httpVersion()).isEqualTo("2");
        assertThat(JSON.readTree(r.body()).get("name").asText()).isEqualTo("Bob Chen");
    }

    @Test
    void tlsWithAlpnH2AndHttp11VerifiedAgainstTheCa() throws IOException {
        String url = "https://bank.example.com:" + httpsPort + "/accounts/alice";
        String resolve = "bank.example.com:" + httpsPort + ":127.0.0.1";
        Curl.Response h2 = Curl.run("--cacert", caFile.toString(), "--resolve", resolve, "--http2", url);
        assertThat(h2.status()).as(h2.toString()).isEqualTo(200);
        assertThat(h2.httpVersion()).isEqualTo("2");
        assertThat(JSON.readTree(h2.body()).get("customer").asText()).isEqualTo("alice");

        Curl.Response h1 = Curl.run("--cacert", caFile.toString(), "--resolve", resolve, "--http1.1", url);
        assertThat(h1.status()).as(h1.toString()).isEqualTo(200);
        assertThat(h1.httpVersion()).isEqualTo("1.1");
    }

    @Test
    void anUnknownPathIs404WithAJsonBody() throws IOException {
        Curl.Response r = Curl.run(http("/loans/alice"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.isObject()).as(r.body()).isTrue();
    }
}
