package io.meshgate.proxy.filter.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.api.apimgmt.RequestValidationSpec.UnknownOperation;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestValidationFilterTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final OpenApiDocument SAMPLE = load();
    static final RequestValidationFilter FILTER = new RequestValidationFilter(RequestValidationConfig.of(SAMPLE));
    static final String KEY = "0b6f3c3e-9d2b-4b7e-8a39-2f0f6a3f1c11";

    private final List<Exchange> exchanges = new ArrayList<>();

    static OpenApiDocument load() {
        try {
            return OpenApiDocument.parse(Files.readString(Path.of("../examples/accounts-openapi.yaml")), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void release() {
        exchanges.forEach(Exchange::release);
    }

    Exchange exchange(TestExchange t, String body) {
        Exchange x = t.build();
        if (body != null) {
            x.requestBody(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        }
        exchanges.add(x);
        return x;
    }

    static JsonNode problem(FilterResult r, int status) throws Exception {
        assertThat(r).isInstanceOf(FilterResult.Respond.class);
        FilterResult.Respond resp = (FilterResult.Respond) r;
        assertThat(resp.status()).isEqualTo(status);
        assertThat(resp.headers().get("content-type")).isEqualTo("application/problem+json");
        JsonNode body = JSON.readTree(resp.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotEmpty();
        assertThat(body.get("type").asText()).startsWith("urn:meshgate:problem:");
        return body;
    }

    static List<String> wheres(JsonNode problem) {
        List<String> w = new ArrayList<>();
        problem.get("errors").forEach(e -> w.add(e.get("where").asText() + ": " + e.get("detail").asText()));
        return w;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET | /accounts",
            "GET | /accounts?limit=100",
            "GET | /accounts/alice",
            "HEAD | /accounts/alice",
            "GET | /accounts/alice?currency=EUR",
            "GET | /accounts/alice?unknown=kept",
    })
    void validRequestsGoOn(String method, String path) {
        assertThat(FILTER.onRequest(exchange(TestExchange.request(HttpMethod.valueOf(method), path), null)))
                .isSameAs(FilterResult.next());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/accounts?limit=abc | query.limit: 'abc' is not an integer",
            "/accounts?limit=0 | query.limit: must have a minimum value of 1",
            "/accounts?limit=101 | query.limit: must have a maximum value of 100",
            "/accounts/Alice | path.customerId: does not match the regex pattern ^[a-z][a-z0-9-]{0,31}$",
            "/accounts/alice?currency=JPY | query.currency: does not have a value in the enumeration [\"EUR\", \"USD\", \"GBP\", \"CHF\"]",
    })
    void badParametersGet400(String path, String error) throws Exception {
        JsonNode p = problem(FILTER.onRequest(exchange(TestExchange.request(HttpMethod.GET, path), null)), 400);
        assertThat(wheres(p)).containsExactly(error);
        assertThat(p.get("detail").asText()).isEqualTo("1 error in the request");
        assertThat(p.get("operation").asText()).startsWith("GET /accounts");
    }

    @Test
    void validTransferGoesOn() {
        TestExchange t = TestExchange.request(HttpMethod.POST, "/accounts/alice/transfers")
                .header("Idempotency-Key", KEY).header("content-type", "application/json; charset=utf-8");
        String body = "{\"from\":\"CHK-1001\",\"to\":\"SAV-1002\",\"amount\":25.50,\"currency\":\"EUR\",\"memo\":null}";
        assertThat(FILTER.onRequest(exchange(t, body))).isSameAs(FilterResult.next());
    }

    @Test
    void badTransferListsEveryError() throws Exception {
        TestExchange t = TestExchange.request(HttpMethod.POST, "/accounts/alice/transfers")
                .header("Idempotency-Key", "not-a-uuid").header("content-type", "application/json");
        String body = "{\"from\":\"CHK-1001\",\"amount\":0.001,\"currency\":\"EUR\",\"extra\":1}";
        JsonNode p = problem(FILTER.onRequest(exchange(t, body)), 400);
        assertThat(wheres(p)).containsExactlyInAnyOrder(
                "header.Idempotency-Key: does not match the uuid pattern must be a valid RFC 4122 UUID",
                "body/to: required property 'to' not found",
                "body/amount: must have a minimum value of 0.01",
                "body/extra: property 'extra' is not defined in the schema and the schema does not allow additional properties");
        assertThat(p.get("detail").asText()).isEqualTo("4 errors in the request");
        assertThat(p.get("operation").asText()).isEqualTo("POST /accounts/{customerId}/transfers");
    }

    @Test
    void theDocumentedExample() throws Exception {
        TestExchange t = TestExchange.request(HttpMethod.POST, "/accounts/alice/transfers")
                .header("content-type", "application/json").header("Idempotency-Key", "nope");
        JsonNode p = problem(FILTER.onRequest(exchange(t, "{\"from\": \"CHK-1001\", \"amount\": 0, \"currency\": \"JPY\"}")), 400);
        assertThat(p.toString()).isEqualTo("{\"type\":\"urn:meshgate:problem:invalid-request\","
                + "\"title\":\"Request does not match the API description\",\"status\":400,"
                + "\"detail\":\"4 errors in the request\",\"operation\":\"POST /accounts/{customerId}/transfers\","
                + "\"errors\":["
                + "{\"where\":\"header.Idempotency-Key\",\"detail\":\"does not match the uuid pattern must be a valid RFC 4122 UUID\"},"
                + "{\"where\":\"body/amount\",\"detail\":\"must have a minimum value of 0.01\"},"
                + "{\"where\":\"body/currency\",\"detail\":\"does not have a value in the enumeration [\\\"EUR\\\", \\\"USD\\\", \\\"GBP\\\", \\\"CHF\\\"]\"},"
                + "{\"where\":\"body/to\",\"detail\":\"required property 'to' not found\"}]}");
    }

    @Test
    void missingPartsAreNamed() throws Exception {
        JsonNode p = problem(FILTER.onRequest(exchange(
                TestExchange.request(HttpMethod.POST, "/accounts/alice/transfers"), null)), 400);
        assertThat(wheres(p)).containsExactly("header.Idempotency-Key: required header parameter is missing",
                "body: a request body is required");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        TestExchange t = TestExchange.request(HttpMethod.POST, "/accounts/alice/transfers")
                .header("Idempotency-Key", KEY).header("content-type", "application/json");
        JsonNode p = problem(FILTER.onRequest(exchange(t, "{\"from\": ")), 400);
        assertThat(wheres(p)).singleElement().asString().startsWith("body: not valid JSON: ");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        TestExchange t = TestExchange.request(HttpMethod.POST, "/accounts/alice/transfers")
                .header("Idempotency-Key", KEY).header("content-type", "text/plain");
        JsonNode p = problem(FILTER.onRequest(exchange(t, "hello")), 415);
        assertThat(p.get("detail").asText())
                .isEqualTo("Content-Type 'text/plain' is not accepted (expected: application/json)");
    }

    @Test
    void unknownOperations() throws Exception {
        JsonNode p = problem(FILTER.onRequest(exchange(TestExchange.request(HttpMethod.GET, "/loans"), null)), 404);
        assertThat(p.get("detail").asText()).isEqualTo("The API has no operation for GET /loans");
        FilterResult r = FILTER.onRequest(exchange(TestExchange.request(HttpMethod.DELETE, "/accounts/alice"), null));
        assertThat(problem(r, 405).get("detail").asText())
                .isEqualTo("The API has no operation for DELETE /accounts/alice (expected: GET, HEAD)");
        assertThat(((FilterResult.Respond) r).headers().get("allow")).isEqualTo("GET, HEAD");

        RequestValidationFilter lenient = new RequestValidationFilter(
                new RequestValidationConfig(SAMPLE, UnknownOperation.PassThrough, 1024, true));
        assertThat(lenient.onRequest(exchange(TestExchange.request(HttpMethod.GET, "/loans"), null)))
                .isSameAs(FilterResult.next());
        assertThat(lenient.requestBodyMode()).isEqualTo(BodyMode.buffer(1024));
    }

    @Test
    void openApi31TypesArraysAndStyles() throws Exception {
        OpenApiDocument doc = OpenApiDocument.parse("""
                openapi: 3.1.0
                paths:
                  /items:
                    get:
                      parameters:
                        - {name: ids, in: query, schema: {type: array, items: {type: integer}, maxItems: 3}}
                        - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string, enum: [a, b]}}}
                        - {name: flag, in: query, schema: {type: [boolean, "null"]}}
                        - {name: filter, in: query, style: deepObject, schema: {type: object, required: [status], properties: {status: {type: string}}}}
                        - {name: session, in: cookie, required: true, schema: {type: string, minLength: 4}}
                """, null);
        RequestValidationFilter f = new RequestValidationFilter(RequestValidationConfig.of(doc));
        assertThat(f.onRequest(exchange(TestExchange.request(HttpMethod.GET,
                "/items?ids=1&ids=2&tags=a,b&flag=true&filter[status]=open").header("cookie", "session=abcd"), null)))
                .isSameAs(FilterResult.next());
        JsonNode p = problem(f.onRequest(exchange(TestExchange.request(HttpMethod.GET,
                "/items?ids=1&ids=x&tags=a,c&flag=yes&filter[kind]=x").header("cookie", "session=ab"), null)), 400);
        assertThat(wheres(p)).containsExactly(
                "query.ids: 'x' is not an integer",
                "query.tags/1: does not have a value in the enumeration [\"a\", \"b\"]",
                "query.flag: 'yes' is not a boolean (expected: true or false)",
                "query.filter/status: required property 'status' not found",
                "cookie.session: must be at least 4 characters long");
    }

    @Test
    void schemasNeverFetchRemoteReferences() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1);
            OpenApiDocument doc = OpenApiDocument.parse("""
                    openapi: 3.1.0
                    paths:
                      /a:
                        post:
                          requestBody:
                            content:
                              application/json:
                                schema: {$ref: 'http://127.0.0.1:%d/schema.json'}
                    """.formatted(listener.getLocalPort()), null);
            assertThatThrownBy(() -> new RequestValidationFilter(RequestValidationConfig.of(doc)))
                    .isInstanceOf(OpenApiException.class)
                    .hasMessageStartingWith("/paths/~1a/post/requestBody/content/application~1json/schema: "
                            + "schema cannot be compiled: ");
            assertThatThrownBy(listener::accept).as("nothing connected")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void aSchemaThatCannotCompileIsAConfigError() {
        OpenApiDocument doc = OpenApiDocument.parse("""
                openapi: 3.0.3
                paths:
                  /a:
                    get:
                      parameters: [{name: q, in: query, schema: {$ref: '#/components/schemas/Missing'}}]
                """, null);
        assertThatThrownBy(() -> new RequestValidationFilter(RequestValidationConfig.of(doc)))
                .isInstanceOf(OpenApiException.class)
                .hasMessageStartingWith("/paths/~1a/get/parameters/0/schema: schema cannot be compiled: ");
    }
}
