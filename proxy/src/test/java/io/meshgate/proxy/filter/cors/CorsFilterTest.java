package io.meshgate.proxy.filter.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorsFilterTest {

    private static CorsFilter filter(boolean credentials, String... origins) {
        return new CorsFilter(new CorsConfig(Arrays.stream(origins).map(OriginPattern::parse).toList(),
                List.of("GET", "PUT", "DELETE"), List.of("Content-Type", "X-Trace"), List.of("X-Request-Id"),
                Duration.ofMinutes(10), credentials));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "https://app.example.com,    https://app.example.com,      true",
            "https://app.example.com,    http://app.example.com,       false",
            "https://app.example.com,    https://app.example.com:8443, false",
            "https://app.example.com,    https://app.example.com:443,  true",
            "https://app.example.com,    https://APP.example.com,      true",
            "https://*.example.com,      https://a.example.com,        true",
            "https://*.example.com,      https://a.b.example.com,      true",
            "https://*.example.com,      https://example.com,          false",
            "https://*.example.com,      https://evilexample.com,      false",
            "https://*.example.com,      https://example.com.evil.io,  false",
            "http://localhost:*,         http://localhost:3000,        true",
            "http://localhost:*,         https://localhost:3000,       false",
            "https://*,                  https://anything.io,          true",
            "https://*,                  http://anything.io,           false",
            "*,                          null,                         true",
            "https://app.example.com,    null,                         false",
            "https://app.example.com,    https://app.example.com/x,    false",
    })
    void matchesOrigins(String pattern, String origin, boolean allowed) {
        Exchange exchange = TestExchange.request().header("origin", origin).build();
        CorsFilter cors = filter(false, pattern);

        assertThat(cors.onRequest(exchange)).isSameAs(FilterResult.next());
        cors.onResponse(exchange);

        assertThat(exchange.responseHeaders().contains("access-control-allow-origin")).isEqualTo(allowed);
    }

    @Test
    void answersAllowedPreflightAtTheGateway() {
        Exchange exchange = TestExchange.request(HttpMethod.OPTIONS, "/api")
                .header("origin", "https://app.example.com")
                .header("access-control-request-method", "PUT")
                .header("access-control-request-headers", "content-type, X-Trace").build();

        FilterResult.Respond r = (FilterResult.Respond) filter(true, "https://app.example.com").onRequest(exchange);

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(r.headers().get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(r.headers().get("access-control-allow-methods")).isEqualTo("GET, PUT, DELETE");
        assertThat(r.headers().get("access-control-allow-headers")).isEqualTo("content-type, x-trace");
        assertThat(r.headers().get("access-control-max-age")).isEqualTo("600");
        assertThat(r.headers().get("vary")).contains("Origin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            other origin   | https://evil.io         | PUT    | ''
            method         | https://app.example.com | PATCH  | ''
            header         | https://app.example.com | PUT    | content-type, authorization
            """)
    void refusesPreflightWithoutCorsHeaders(String name, String origin, String method, String headers) {
        TestExchange t = TestExchange.request(HttpMethod.OPTIONS, "/api").header("origin", origin)
                .header("access-control-request-method", method);
        if (!headers.isEmpty()) {
            t.header("access-control-request-headers", headers);
        }

        FilterResult.Respond r = (FilterResult.Respond) filter(false, "https://app.example.com").onRequest(t.build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().contains("access-control-allow-origin")).isFalse();
    }

    @Test
    void safelistedMethodNeedsNoListing() {
        Exchange exchange = TestExchange.request(HttpMethod.OPTIONS, "/api").header("origin", "https://a.io")
                .header("access-control-request-method", "POST").build();

        FilterResult r = filter(false, "https://a.io").onRequest(exchange);

        assertThat(((FilterResult.Respond) r).status()).isEqualTo(204);
    }

    @Test
    void optionsWithoutRequestMethodIsNotAPreflight() {
        Exchange exchange = TestExchange.request(HttpMethod.OPTIONS, "/api").header("origin", "https://a.io").build();

        assertThat(filter(false, "https://a.io").onRequest(exchange)).isSameAs(FilterResult.next());
    }

    @Test
    void wildcardsWithCredentialsEchoInsteadOfStar() {
        CorsFilter cors = new CorsFilter(new CorsConfig(List.of(OriginPattern.parse("*")), List.of("*"),
                List.of("*"), List.of(), null, true));
        Exchange exchange = TestExchange.request(HttpMethod.OPTIONS, "/").header("origin", "https://x.io")
                .header("access-control-request-method", "PATCH")
                .header("access-control-request-headers", "Authorization").build();

        FilterResult.Respond r = (FilterResult.Respond) cors.onRequest(exchange);

        assertThat(r.headers().get("access-control-allow-origin")).isEqualTo("https://x.io");
        assertThat(r.headers().get("access-control-allow-methods")).isEqualTo("PATCH");
        assertThat(r.headers().get("access-control-allow-headers")).isEqualTo("authorization");
        assertThat(r.headers().contains("access-control-max-age")).isFalse();
    }

    @Test
    void actualRequestGetsAllowOriginExposeAndVary() {
        Exchange exchange = TestExchange.request().header("origin", "https://app.example.com").build();
        CorsFilter cors = filter(true, "https://app.example.com");
        cors.onRequest(exchange);
        exchange.status(401);
        exchange.responseHeaders().add("vary", "Accept-Encoding");

        cors.onResponse(exchange);

        assertThat(exchange.responseHeaders().get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(exchange.responseHeaders().get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(exchange.responseHeaders().get("access-control-expose-headers")).isEqualTo("X-Request-Id");
        assertThat(exchange.responseHeaders().getAll("vary")).containsExactly("Accept-Encoding", "Origin");
    }

    @Test
    void starWithoutCredentialsNeedsNoVary() {
        CorsFilter cors = new CorsFilter(new CorsConfig(List.of(OriginPattern.parse("*")), List.of("GET"), List.of(),
                List.of(), null, false));
        Exchange exchange = TestExchange.request().header("origin", "https://x.io").build();
        cors.onRequest(exchange);
        cors.onResponse(exchange);

        assertThat(exchange.responseHeaders().get("access-control-allow-origin")).isEqualTo("*");
        assertThat(exchange.responseHeaders().contains("vary")).isFalse();
        assertThat(exchange.responseHeaders().contains("access-control-allow-credentials")).isFalse();
    }

    @Test
    void sameOriginRequestStillVaries() {
        Exchange exchange = TestExchange.request().build();
        CorsFilter cors = filter(false, "https://a.io");
        cors.onRequest(exchange);
        cors.onResponse(exchange);

        assertThat(exchange.responseHeaders().get("vary")).isEqualTo("Origin");
        assertThat(exchange.responseHeaders().contains("access-control-allow-origin")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"https://a.*.com", "ftp//x", "https://a.io/path", "https://", "https://a.io:99999"})
    void rejectsMalformedPatterns(String pattern) {
        assertThatThrownBy(() -> OriginPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("origin: " + pattern + " (expected: ");
    }
}
