package io.meshgate.proxy.filter.jsonshape;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.compress.AcceptEncoding;
import io.meshgate.proxy.filter.compress.Coding;
import io.meshgate.proxy.filter.compress.CompressionConfig;
import io.meshgate.proxy.filter.compress.CompressionFilter;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonShapeFilterTest {

    private static final String ACCOUNT = """
            {"id":"42","owner":{"name":"Ada","ssn":"123-45-6789","address":{"city":"London","street":"1 Main"}},
             "balance":{"amount":100,"currency":"GBP"},"internal":{"risk":7},
             "transactions":[{"id":1,"amount":-5,"merchant":"cafe","raw":"x"},{"id":2,"amount":20,"merchant":"pay","raw":"y"}]}
            """;

    private static String shape(JsonShapeConfig config, String body) {
        return run(new JsonShapeFilter(config), 200, "application/json; charset=utf-8", body).body;
    }

    private record Result(FilterResult result, String body, Exchange exchange) {
    }

    private static Result run(JsonShapeFilter f, int status, String type, String body) {
        Exchange x = TestExchange.request().header("accept-encoding", "gzip").build();
        assertThat(f.onRequest(x)).isEqualTo(FilterResult.next());
        x.status(status);
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.set("content-type", type);
        h.set("content-length", body.length());
        h.set("etag", "\"abc\"");
        x.responseHeaders(h);
        x.responseBody(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        FilterResult r = f.onResponse(x);
        String out = x.responseBody().toString(StandardCharsets.UTF_8);
        x.release();
        return new Result(r, out, x);
    }

    @Test
    void keepsOnlyTheListedFieldsAndTheObjectsOnTheirPath() {
        assertThat(shape(new JsonShapeConfig(List.of("id", "owner.name", "owner.address.city", "transactions.amount"),
                List.of(), Map.of(), 1 << 20), ACCOUNT)).isEqualTo(
                "{\"id\":\"42\",\"owner\":{\"name\":\"Ada\",\"address\":{\"city\":\"London\"}},"
                        + "\"transactions\":[{\"amount\":-5},{\"amount\":20}]}");
    }

    @Test
    void aWiderKeptPathKeepsEverythingBelow() {
        assertThat(shape(new JsonShapeConfig(List.of("owner.address.city", "owner"), List.of(), Map.of(), 1 << 20),
                ACCOUNT)).startsWith("{\"owner\":{\"name\":\"Ada\",\"ssn\"");
    }

    @Test
    void removesFieldsAlsoInsideArrays() {
        String out = shape(new JsonShapeConfig(List.of(), List.of("owner.ssn", "internal", "transactions.raw", "nope.x"),
                Map.of(), 1 << 20), ACCOUNT);
        assertThat(out).doesNotContain("ssn", "internal", "raw").contains("\"merchant\":\"cafe\"", "\"street\"");
    }

    @Test
    void renamesInPlaceAfterKeepAndRemove() {
        String out = shape(new JsonShapeConfig(List.of("id", "balance", "transactions"), List.of("transactions.raw"),
                Map.of("balance.amount", "value", "transactions.merchant", "payee", "id", "accountId"), 1 << 20), ACCOUNT);
        assertThat(out).isEqualTo("{\"accountId\":\"42\",\"balance\":{\"value\":100,\"currency\":\"GBP\"},"
                + "\"transactions\":[{\"id\":1,\"amount\":-5,\"payee\":\"cafe\"},{\"id\":2,\"amount\":20,\"payee\":\"pay\"}]}");
    }

    @Test
    void aTopLevelArrayIsShapedElementByElement() {
        assertThat(shape(new JsonShapeConfig(List.of("a"), List.of(), Map.of(), 100), "[{\"a\":1,\"b\":2},{\"b\":3},4]"))
                .isEqualTo("[{\"a\":1},{},4]");
    }

    @Test
    void fixesTheHeadersOfTheShapedBody() {
        Result r = run(new JsonShapeFilter(new JsonShapeConfig(List.of("id"), List.of(), Map.of(), 1 << 20)), 200,
                "application/vnd.bank+json", ACCOUNT);
        assertThat(r.body).isEqualTo("{\"id\":\"42\"}");
        assertThat(r.exchange.responseHeaders().get("content-length")).isEqualTo("11");
        assertThat(r.exchange.responseHeaders().contains("etag")).isFalse();
    }

    @Test
    void leavesNonJsonAndNonSuccessResponsesAlone() {
        JsonShapeFilter f = new JsonShapeFilter(new JsonShapeConfig(List.of("id"), List.of(), Map.of(), 1 << 20));
        assertThat(run(f, 200, "text/plain", ACCOUNT).body).isEqualTo(ACCOUNT);
        assertThat(run(f, 404, "application/json", ACCOUNT).body).isEqualTo(ACCOUNT);
    }

    @Test
    void invalidJsonIsA502NotALeak() {
        JsonShapeFilter f = new JsonShapeFilter(new JsonShapeConfig(List.of(), List.of("ssn"), Map.of(), 1 << 20));
        Result r = run(f, 200, "application/json", "{\"ssn\": 1, oops");
        assertThat(r.result).isInstanceOfSatisfying(FilterResult.Respond.class, x -> assertThat(x.status()).isEqualTo(502));
    }

    @Test
    void composesWithTheCompressionFilterInEitherOrder() {
        JsonShapeFilter shape = new JsonShapeFilter(new JsonShapeConfig(List.of("id"), List.of(), Map.of(), 1 << 20));
        CompressionFilter gzip = new CompressionFilter(new CompressionConfig(List.of(Coding.GZIP), 1,
                List.of("application/json"), 6));
        Exchange x = TestExchange.request().header("accept-encoding", "gzip").build();
        shape.onRequest(x);
        gzip.onRequest(x);
        x.status(200);
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.set("content-type", "application/json");
        h.set("content-length", ACCOUNT.length());
        x.responseHeaders(h);
        x.responseBody(Unpooled.copiedBuffer(ACCOUNT, StandardCharsets.UTF_8));
        gzip.onResponse(x); // the response phase runs in reverse: compression decides first
        assertThat(shape.onResponse(x)).isEqualTo(FilterResult.next());
        assertThat(x.responseBody().toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"42\"}");
        assertThat(x.responseHeaders().get("content-encoding")).isEqualTo("gzip");
        assertThat(x.responseHeaders().contains("content-length")).isFalse();
        x.discardResponseBodyTransformer();
        x.release();
    }

    @Test
    void asksTheBackendForIdentityAndKeepsTheClientsPreference() {
        JsonShapeFilter f = new JsonShapeFilter(new JsonShapeConfig(List.of("id"), List.of(), Map.of(), 1 << 20));
        Exchange x = TestExchange.request().header("accept-encoding", "gzip, br").build();
        f.onRequest(x);
        assertThat(x.requestHeaders().get("accept-encoding")).isEqualTo("identity");
        assertThat(x.attr(AcceptEncoding.CLIENT)).isEqualTo("gzip, br");
        assertThat(f.responseBodyMode()).isEqualTo(BodyMode.buffer(1 << 20));
    }
}
