package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TransformFilters through the real engine: compression negotiated and streamed (curl
 * --compressed and the JDK client), JSON shaping, and the request body limit, over 127.0.0.1.
 */
class TransformIT {

    static final String BIG_JSON = "{\"items\":[" + "{\"name\":\"item\",\"price\":12.5},".repeat(400) + "{}]}";
    static final String NOTES = "n".repeat(300);
    static FakeUpstream backend;
    static DefaultEventLoopGroup loops;
    static ProxyServer server;
    static HttpClient client;
    static String base;

    static FakeUpstream.Behavior body(String type, String body) {
        return (req, res, up) -> res.respond(200, new DefaultHttpHeaders().set("content-type", type),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() throws Exception {
        backend = FakeUpstream.start((req, res, up) -> {
            switch (req.uri()) {
                case "/big.json" -> body("application/json", BIG_JSON).handle(req, res, up);
                case "/small" -> body("text/plain", "tiny").handle(req, res, up);
                case "/logo.png" -> body("image/png", "x".repeat(5000)).handle(req, res, up);
                case "/account/1" -> body("application/json",
                        "{\"id\":\"1\",\"owner\":{\"name\":\"Ada\",\"ssn\":\"123-45-6789\"},\"notes\":\"" + NOTES
                                + "\"}").handle(req, res, up);
                default -> Behaviors.echo().handle(req, res, up);
            }
        });
        String yaml = SnapshotCompilerTest.GATEWAY + SnapshotCompilerTest.backend("site", backend.port()) + """
                apiVersion: meshgate.io/v1alpha1
                kind: TransformFilter
                metadata: {name: edge}
                spec:
                  requestBodyLimit: {maxBytes: 1000}
                  compression: {minBytes: 100}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: TransformFilter
                metadata: {name: slim}
                spec:
                  jsonShape: {remove: [owner.ssn]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: site}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /account}}]
                      filters:
                        - {type: ExtensionRef, extensionRef: {group: meshgate.io, kind: TransformFilter, name: slim}}
                        - {type: ExtensionRef, extensionRef: {group: meshgate.io, kind: TransformFilter, name: edge}}
                      backendRefs: [{name: site, port: 80}]
                    - matches: [{path: {type: PathPrefix, value: /}}]
                      filters:
                        - {type: ExtensionRef, extensionRef: {group: meshgate.io, kind: TransformFilter, name: edge}}
                      backendRefs: [{name: site, port: 80}]
                """;
        loops = new DefaultEventLoopGroup(1);
        Compiling c = LoopbackProxy.withTransforms(loops);
        server = LoopbackProxy.start(c.apply(yaml), 1);
        base = LoopbackProxy.base(server);
        client = LoopbackProxy.client();
    }

    @AfterAll
    static void stop() {
        LoopbackProxy.stop(server, loops, backend);
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs curl and returns its stdout; {@code -D -} puts the response head first. */
    static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void curlGetsAGzippedBodyItCanDecode() throws Exception {
        String out = curl("--compressed", "-D", "-", base + "/big.json");
        String head = out.substring(0, out.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("content-encoding: gzip", "vary: accept-encoding").doesNotContain("content-length");
        assertThat(out.substring(out.indexOf("\r\n\r\n") + 4)).isEqualTo(BIG_JSON);
    }

    @Test
    void deflateIsNegotiatedByQValue() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/big.json"))
                .header("accept-encoding", "gzip;q=0.5, deflate"));
        assertThat(r.headers().firstValue("content-encoding")).hasValue("deflate");
        assertThat(r.body().length).isLessThan(BIG_JSON.length() / 5);
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(BIG_JSON);
        }
    }

    @Test
    void smallBodiesImagesAndClientsWithoutAcceptEncodingGetIdentity() throws Exception {
        for (String path : new String[] {"/small", "/logo.png"}) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("accept-encoding", "gzip"));
            assertThat(r.headers().firstValue("content-encoding")).as(path).isEmpty();
        }
        HttpResponse<byte[]> plain = send(HttpRequest.newBuilder(URI.create(base + "/big.json")));
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(plain.headers().firstValue("vary")).hasValue("Accept-Encoding");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(BIG_JSON);
    }

    @Test
    void shapedJsonIsCompressedToo() throws Exception {
        String out = curl("--compressed", "-D", "-", base + "/account/1");
        assertThat(out.toLowerCase()).contains("content-encoding: gzip");
        assertThat(out.substring(out.indexOf("\r\n\r\n") + 4))
                .isEqualTo("{\"id\":\"1\",\"owner\":{\"name\":\"Ada\"},\"notes\":\"" + NOTES + "\"}");
    }

    @Test
    void requestBodiesOverTheLimitGet413DeclaredOrStreamed() throws Exception {
        HttpResponse<byte[]> declared = send(HttpRequest.newBuilder(URI.create(base + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1001))));
        assertThat(declared.statusCode()).isEqualTo(413);

        HttpResponse<byte[]> within = send(HttpRequest.newBuilder(URI.create(base + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))));
        assertThat(within.statusCode()).isEqualTo(200);

        String chunked = curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "transfer-encoding: chunked",
                "--data-binary", "x".repeat(5000), base + "/upload");
        assertThat(chunked).isEqualTo("413");
        long reachedBackend = backend.requests().stream()
                .filter(r -> r.uri().equals("/upload") && r.body().length > 1000).count();
        assertThat(reachedBackend).isZero();
    }
}
