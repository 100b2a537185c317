package io.meshgate.proxy.filter.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiDocsFilterTest {

    static final SwaggerUiAssets ASSETS = SwaggerUiAssets.load();
    static final OpenApiDocument DOC = OpenApiDocument.parse("""
            openapi: 3.1.0
            info: {title: "Bank <Accounts>"}
            paths: {/accounts: {get: {}}}
            """, null);
    static final ApiDocsFilter FILTER = new ApiDocsFilter(new ApiDocsConfig(DOC, "/openapi.json", "/docs"), ASSETS);

    static FilterResult.Respond get(String path, String... headers) {
        TestExchange t = TestExchange.request(HttpMethod.GET, path);
        for (int i = 0; i < headers.length; i += 2) {
            t.header(headers[i], headers[i + 1]);
        }
        FilterResult r = FILTER.onRequest(t.build());
        assertThat(r).isInstanceOf(FilterResult.Respond.class);
        return (FilterResult.Respond) r;
    }

    @Test
    void servesTheDocumentAsJsonWithAnEtag() throws Exception {
        FilterResult.Respond r = get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(new ObjectMapper().readTree(r.body()).at("/info/title").asText()).isEqualTo("Bank <Accounts>");
        String etag = r.headers().get("etag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        FilterResult.Respond notModified = get("/openapi.json", "if-none-match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/docs", "/docs/", "/docs/index.html"})
    void servesTheSwaggerUiPage(String path) {
        FilterResult.Respond r = get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("text/html; charset=utf-8");
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Bank &lt;Accounts&gt; - API documentation</title>")
                .contains("src=\"/docs/swagger-ui-bundle.js\"").contains("href=\"/docs/swagger-ui.css\"");
        String init = new String(get("/docs/swagger-initializer.js").body(), StandardCharsets.UTF_8);
        assertThat(init).contains("url: \"/openapi.json\"");
    }

    @Test
    void servesWebjarAssetsGzippedWhenAccepted() throws Exception {
        FilterResult.Respond plain = get("/docs/swagger-ui-bundle.js");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.headers().get("content-type")).startsWith("text/javascript");
        assertThat(plain.body().length).isGreaterThan(500_000);
        assertThat(plain.headers().contains("content-encoding")).isFalse();

        FilterResult.Respond gz = get("/docs/swagger-ui-bundle.js", "accept-encoding", "br, gzip");
        assertThat(gz.headers().get("content-encoding")).isEqualTo("gzip");
        assertThat(gz.headers().get("vary")).isEqualToIgnoringCase("accept-encoding");
        assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(get("/docs/swagger-ui.css").headers().get("content-type")).startsWith("text/css");
        assertThat(get("/docs/favicon-32x32.png").headers().get("content-type")).isEqualTo("image/png");
        assertThat(get("/docs/nope.js").status()).isEqualTo(404);
        assertThat(get("/docs/../secret").status()).isEqualTo(404);
    }

    @Test
    void otherPathsGoOnAndOtherMethodsAre405() {
        assertThat(FILTER.onRequest(TestExchange.request(HttpMethod.GET, "/accounts").build()))
                .isSameAs(FilterResult.next());
        assertThat(FILTER.onRequest(TestExchange.request(HttpMethod.GET, "/docsx").build()))
                .isSameAs(FilterResult.next());
        FilterResult.Respond r = (FilterResult.Respond) FILTER.onRequest(
                TestExchange.request(HttpMethod.POST, "/openapi.json").build());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().get("allow")).isEqualTo("GET, HEAD");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"gzip|true", "GZIP;q=0.5|true", "gzip;q=0|false", "identity|false",
            "*|true", "br, *;q=0|false", "deflate, x-gzip|true"})
    void acceptEncoding(String header, boolean gzip) {
        assertThat(ApiDocsFilter.acceptsGzip(header)).isEqualTo(gzip);
    }
}
