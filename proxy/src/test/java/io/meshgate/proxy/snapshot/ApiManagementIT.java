package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.filter.apidocs.ApiDocsCompiler;
import io.meshgate.proxy.filter.cache.ResponseCacheCompiler;
import io.meshgate.proxy.filter.validation.RequestValidationCompiler;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API management example (examples/api-management) served by a real ProxyServer on 127.0.0.1:0
 * in front of a fake accounts service, driven by the JDK HTTP client and curl.
 */
class ApiManagementIT {

    static final Path EXAMPLE = Path.of("..", "examples", "api-management");
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BIG = 300_000; // over the example cache's maxEntryBytes (256 KiB)
    static final String KEY = "0b6f3c3e-9d2b-4b7e-8a39-2f0f6a3f1c11";

    static DefaultEventLoopGroup loops;
    static FakeUpstream accounts;
    static ProxyServer server;
    static HttpClient client;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        accounts = FakeUpstream.start((req, res, up) -> {
            HttpHeaders h = new DefaultHttpHeaders().set("content-type", "application/octet-stream");
            if (req.uri().equals("/accounts/big")) {
                res.respond(200, h, "b".repeat(BIG).getBytes(StandardCharsets.US_ASCII));
            } else if (req.uri().equals("/accounts/chunky")) {
                res.head(200, h);
                res.chunk("c".repeat(BIG / 2).getBytes(StandardCharsets.US_ASCII));
                res.chunk("c".repeat(BIG / 2).getBytes(StandardCharsets.US_ASCII));
                res.end(new DefaultHttpHeaders());
            } else {
                Behaviors.echo().handle(req, res, up);
            }
        });
        String yaml = (Files.readString(EXAMPLE.resolve("gateway.yaml")) + "\n---\n"
                + Files.readString(EXAMPLE.resolve("accounts-api.yaml")) + "\n---\n"
                + Files.readString(EXAMPLE.resolve("cache.yaml")))
                .replace("port: 9101", "port: " + accounts.port());
        loops = new DefaultEventLoopGroup(1);
        Compiling c = new Compiling();
        PolicyEnvironment env = new PolicyEnvironment(loops, Clock.systemUTC(), new SimpleMeterRegistry(), EXAMPLE);
        c.policies.add(new RequestValidationCompiler(env));
        c.policies.add(new ResponseCacheCompiler(env));
        c.policies.add(new ApiDocsCompiler(env));
        server = LoopbackProxy.start(c.apply(yaml), 1);
        base = LoopbackProxy.base(server);
        client = LoopbackProxy.client();
    }

    @AfterAll
    static void stop() {
        LoopbackProxy.stop(server, loops, accounts);
    }

    static HttpResponse<byte[]> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static long upstreamSaw(String uri) {
        return accounts.requests().stream().filter(r -> r.uri().startsWith(uri)).count();
    }

    @Test
    void badRequestsGetProblemReportsAndNeverReachTheBackend() throws Exception {
        HttpResponse<byte[]> r = send("GET", "/accounts/Alice?currency=JPY", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("errors")).extracting(e -> e.get("where").asText())
                .containsExactlyInAnyOrder("path.customerId", "query.currency");

        r = send("POST", "/accounts/alice/transfers", "{\"from\":\"CHK-1001\",\"to\":\"SAV-1002\",\"amount\":0,"
                + "\"currency\":\"EUR\"}", "content-type", "application/json", "Idempotency-Key", KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("errors").get(0).get("where").asText()).isEqualTo("body/amount");

        r = send("POST", "/accounts/alice/transfers", "from=x", "content-type", "application/x-www-form-urlencoded",
                "Idempotency-Key", KEY);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(upstreamSaw("/accounts/Alice")).isZero();
        assertThat(upstreamSaw("/accounts/alice/transfers")).isZero();
    }

    @Test
    void aValidTransferReachesTheBackendWithItsBody() throws Exception {
        String body = "{\"from\":\"CHK-1001\",\"to\":\"SAV-1002\",\"amount\":12.5,\"currency\":\"EUR\"}";
        HttpResponse<byte[]> r = send("POST", "/accounts/bob/transfers", body, "content-type", "application/json",
                "Idempotency-Key", KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(r.body());
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("body").asText()).isEqualTo(body);
    }

    @Test
    void curlSeesTheProblemReport() throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-i", "--max-time", "20", base + "/accounts?limit=500")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"where\":\"query.limit\"").contains("must have a maximum value of 100");
    }

    @Test
    void getsAreCachedAndHeadIsAnsweredFromTheCache() throws Exception {
        HttpResponse<byte[]> first = send("GET", "/accounts/carol", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-cache")).hasValue("MISS");
        HttpResponse<byte[]> second = send("GET", "/accounts/carol", null);
        assertThat(second.headers().firstValue("x-cache")).hasValue("HIT");
        assertThat(second.headers().firstValue("age")).isPresent();
        assertThat(second.body()).isEqualTo(first.body());
        HttpResponse<byte[]> head = send("HEAD", "/accounts/carol", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("x-cache")).hasValue("HIT");
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue(first.body().length);
        assertThat(head.body()).isEmpty();
        assertThat(upstreamSaw("/accounts/carol")).isOne();

        HttpResponse<byte[]> bypass = send("GET", "/accounts/carol", null, "cache-control", "no-cache");
        assertThat(bypass.headers().firstValue("x-cache")).hasValue("MISS");
        assertThat(upstreamSaw("/accounts/carol")).isEqualTo(2);
    }

    @Test
    void responsesOverTheEntryLimitStreamThroughUncached() throws Exception {
        for (String path : List.of("/accounts/big", "/accounts/chunky")) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<byte[]> r = send("GET", path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.body()).hasSize(BIG);
                assertThat(r.headers().firstValue("x-cache")).hasValue("MISS");
            }
            assertThat(upstreamSaw(path)).as(path).isEqualTo(2);
        }
    }

    @Test
    void theGatewayServesTheDocumentAndSwaggerUi() throws Exception {
        HttpResponse<byte[]> spec = send("GET", "/openapi.json", null);
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(spec.body()).at("/info/title").asText()).isEqualTo("Bank Accounts API");

        HttpResponse<byte[]> page = send("GET", "/docs", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("swagger-ui-bundle.js");

        HttpResponse<byte[]> js = send("GET", "/docs/swagger-ui-bundle.js", null, "accept-encoding", "gzip");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(js.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("SwaggerUIBundle");
        }
        assertThat(upstreamSaw("/docs")).isZero();
        assertThat(upstreamSaw("/openapi.json")).isZero();
    }
}
