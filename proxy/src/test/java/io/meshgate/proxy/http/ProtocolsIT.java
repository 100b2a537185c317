package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.tls.ServerTlsContexts;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.Curl;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.SelfSignedCertificates;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same behaviours over every downstream protocol (HTTP/1.1, h2c prior knowledge, h2 over TLS
 * with ALPN) and every upstream protocol (HTTP/1.1, h2c, h2 over TLS), driven by real curl.
 */
@ExtendWith(LeakDetection.class)
@Timeout(120)
class ProtocolsIT {

    enum Down { HTTP1, H2C, H2_TLS }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SelfSignedCertificates ca;
    private static Path caFile;
    private static FakeUpstream plain;
    private static FakeUpstream tls;
    private static ProxyHarness proxy;
    private static ProxyHarness tlsProxy;

    @BeforeAll
    static void start() throws Exception {
        ca = SelfSignedCertificates.newAuthority("test-ca");
        caFile = Files.createTempFile("ca", ".crt");
        Files.writeString(caFile, ca.caCertificatePem());
        SelfSignedCertificates.Issued server = ca.issue("localhost", "127.0.0.1");
        plain = FakeUpstream.builder().name("plain").start();
        tls = FakeUpstream.builder().name("tls").tls(server).start();
        TestCluster h1 = TestCluster.of("h1", plain.port());
        TestCluster h2c = TestCluster.of("h2c", settings(UpstreamProtocol.H2C, false), plain.port());
        TestCluster h2 = TestCluster.of("h2", settings(UpstreamProtocol.H2, true), tls.port());
        TestCluster h1tls = TestCluster.of("h1tls", settings(UpstreamProtocol.HTTP1, true), tls.port());
        TestCluster sse = TestCluster.of("sse", plain.port());
        TestRouteTable routes = new TestRouteTable()
                .route("/h2c", ProxyHarness.route("h2c", h2c))
                .route("/h2", ProxyHarness.route("h2", h2))
                .route("/h1tls", ProxyHarness.route("h1tls", h1tls))
                .route("/", ProxyHarness.route("h1", h1));
        proxy = ProxyHarness.start(routes, ListenerLimits.DEFAULTS, null, List.of(ca.caCertificate()), h1, h2c, h2, h1tls, sse);
        SslContext ctx = ServerTlsContexts.fromKeyAndChain(server.privateKey(), List.of(server.certificate(), ca.caCertificate()));
        tlsProxy = ProxyHarness.start(routes, ListenerLimits.DEFAULTS, host -> ctx, List.of(ca.caCertificate()),
                h1, h2c, h2, h1tls, sse);
    }

    private static UpstreamSettings settings(UpstreamProtocol p, boolean tls) {
        return new UpstreamSettings(p, tls, "localhost", false, Duration.ofSeconds(5), Duration.ofSeconds(60), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        tlsProxy.close();
        plain.close();
        tls.close();
        Files.deleteIfExists(caFile);
    }

    static List<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Down d : Down.values()) {
            for (String up : List.of("/", "/h2c", "/h2", "/h1tls")) {
                out.add(Arguments.of(d, up));
            }
        }
        return out;
    }

    private static Curl.Result curl(Down down, String path, String... extra) {
        List<String> args = new ArrayList<>();
        switch (down) {
            case HTTP1 -> {
                args.add("--http1.1");
                args.add(proxy.url(path));
            }
            case H2C -> {
                args.add("--http2-prior-knowledge");
                args.add(proxy.url(path));
            }
            case H2_TLS -> {
                args.addAll(List.of("--http2", "--cacert", caFile.toString(), "--resolve",
                        "localhost:" + tlsProxy.port() + ":127.0.0.1"));
                args.add("https://localhost:" + tlsProxy.port() + path);
            }
        }
        args.addAll(List.of(extra));
        return Curl.run(args.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("matrix")
    void getAndPostThroughEveryProtocolPair(Down down, String upstreamPrefix) throws Exception {
        String path = (upstreamPrefix.equals("/") ? "" : upstreamPrefix) + "/echo?q=1";
        Curl.Result get = curl(down, path, "-H", "x-custom: yes");
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(get.status()).as("%s -> %s: %s", down, upstreamPrefix, get.body()).isEqualTo(200);
        assertThat(get.httpVersion()).isEqualTo(down == Down.HTTP1 ? "1.1" : "2");
        JsonNode echo = JSON.readTree(get.body());
        assertThat(echo.get("uri").asText()).isEqualTo(path);
        assertThat(echo.get("protocol").asText()).isEqualTo(upstreamPrefix.startsWith("/h2") ? "HTTP/2" : "HTTP/1.1");
        assertThat(echo.get("headers").get("x-custom").get(0).asText()).isEqualTo("yes");
        assertThat(echo.get("headers").get("x-forwarded-proto").get(0).asText())
                .isEqualTo(down == Down.H2_TLS ? "https" : "http");
        assertThat(echo.get("headers").has("x-http2-stream-id")).isFalse();
        assertThat(echo.get("headers").has("transfer-encoding") && echo.get("headers").has("content-length")).isFalse();

        String body = "b".repeat(300_000);
        Path file = Files.createTempFile("body", ".txt");
        Files.writeString(file, body);
        Curl.Result post = curl(down, path, "--data-binary", "@" + file);
        Files.delete(file);
        assertThat(post.status()).as(post.stderr()).isEqualTo(200);
        JsonNode posted = JSON.readTree(post.body());
        assertThat(posted.get("bodyLength").asLong()).isEqualTo(300_000);
        assertThat(posted.get("body").asText()).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("downstreams")
    void streamsServerSentEventsAndTrailers(Down down) throws Exception {
        plain.behavior(Behaviors.sse(3, Duration.ofMillis(20)));
        try {
            Curl.Result sse = curl(down, "/events", "-N");
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("content-type")).isEqualTo("text/event-stream");
            assertThat(sse.body()).isEqualTo("data: event-0\n\ndata: event-1\n\ndata: event-2\n\n");
        } finally {
            plain.behavior(Behaviors.echo());
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = Down.class, names = {"HTTP1", "H2C"})
    void answers404AsJson(Down down) {
        try (ProxyHarness empty = ProxyHarness.start(new TestRouteTable())) {
            Curl.Result r = Curl.run(down == Down.HTTP1 ? "--http1.1" : "--http2-prior-knowledge", empty.url("/x"));
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("{\"status\":404,\"error\":\"no route\"}");
        }
    }

    static List<Down> downstreams() {
        return List.of(Down.HTTP1, Down.H2C, Down.H2_TLS);
    }
}
