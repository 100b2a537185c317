package io.meshgate.api.apimgmt.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiDocumentTest {

    static final Path SAMPLE = Path.of("../examples/accounts-openapi.yaml");

    @Test
    void readsTheBankSample() throws Exception {
        OpenApiDocument doc = OpenApiDocument.parse(Files.readString(SAMPLE), null);
        assertThat(doc.openapi()).isEqualTo("3.0.3");
        assertThat(doc.isV31()).isFalse();
        assertThat(doc.title()).isEqualTo("Bank Accounts API");
        assertThat(doc.basePath()).isEmpty();
        assertThat(doc.operations()).extracting(ApiOperation::displayName).containsExactly(
                "GET /accounts", "GET /accounts/{customerId}", "POST /accounts/{customerId}/transfers");

        ApiOperation transfer = doc.operations().get(2);
        assertThat(transfer.operationId()).isEqualTo("createTransfer");
        assertThat(transfer.pointer()).isEqualTo("/paths/~1accounts~1{customerId}~1transfers/post");
        assertThat(transfer.parameters()).extracting(ApiParameter::where)
                .containsExactly("path.customerId", "header.Idempotency-Key");
        ApiParameter id = transfer.parameters().get(0);
        assertThat(id.schemaPointer()).isEqualTo("/components/parameters/CustomerId/schema");
        assertThat(doc.resolveSchema(id.schemaPointer()).get("pattern").asText()).isEqualTo("^[a-z][a-z0-9-]{0,31}$");
        assertThat(id.style()).isEqualTo("simple");
        assertThat(transfer.requestBody().required()).isTrue();
        assertThat(transfer.requestBody().mediaTypeFor("application/json; charset=utf-8").schemaPointer())
                .isEqualTo("/paths/~1accounts~1{customerId}~1transfers/post/requestBody/content/application~1json/schema");
        assertThat(transfer.requestBody().mediaTypeFor("text/plain")).isNull();

        ApiParameter limit = doc.operations().get(0).parameters().get(0);
        assertThat(limit.style()).isEqualTo("form");
        assertThat(limit.explode()).isTrue();
        assertThat(limit.required()).isFalse();
    }

    @Test
    void basePathFromServersOrOverride() {
        String doc = """
                {"openapi": "3.1.0", "servers": [{"url": "https://{host}/bank/{version}/",
                  "variables": {"host": {"default": "x"}, "version": {"default": "v2"}}}],
                 "paths": {"/accounts": {"get": {}}}}
                """;
        assertThat(OpenApiDocument.parse(doc, null).operations().get(0).path().template())
                .isEqualTo("/bank/v2/accounts");
        assertThat(OpenApiDocument.parse(doc, "").operations().get(0).path().template()).isEqualTo("/accounts");
        assertThat(OpenApiDocument.parse(doc, "/edge").basePath()).isEqualTo("/edge");
    }

    @Test
    void operationParametersOverridePathParameters() {
        String doc = """
                openapi: 3.0.0
                paths:
                  /a:
                    parameters: [{name: q, in: query, schema: {type: string}}, {name: X-Trace, in: header}]
                    get:
                      parameters: [{name: q, in: query, required: true, schema: {type: integer}}, {name: x-trace, in: header, required: true}]
                """;
        ApiOperation op = OpenApiDocument.parse(doc, null).operations().get(0);
        assertThat(op.parameters()).extracting(ApiParameter::where, ApiParameter::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("query.q", true),
                        org.assertj.core.groups.Tuple.tuple("header.x-trace", true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "swagger: '2.0' | /swagger: Swagger 2.0 is not supported (expected: OpenAPI 3.0 or 3.1; convert it first)",
            "openapi: 2.9.0 | /openapi: version '2.9.0' (expected: 3.0.x or 3.1.x)",
            "[1, 2] | (document): not an OpenAPI document (expected: a mapping with an 'openapi' field)",
            "{openapi: 3.0.0, paths: [1]} | /paths: not a mapping (expected: path templates to path items)",
            "{openapi: 3.0.0, paths: {a: {}}} | /paths/a: path a (expected: starting with '/')",
            "{openapi: 3.0.0, paths: {'/a/{id}': {get: {}}}} | /paths/~1a~1{id}/get/parameters: path variable {id} of /a/{id} is not declared (expected: a parameter with in: path)",
            "{openapi: 3.0.0, paths: {'/a/{id}': {get: {parameters: [{name: id, in: path}]}}}} | /paths/~1a~1{id}/get/parameters/0/required: a path parameter must be required (expected: true)",
            "{openapi: 3.0.0, paths: {/a: {get: {parameters: [{name: id, in: body}]}}}} | /paths/~1a/get/parameters/0/in: 'body' (expected: path, query, header or cookie)",
            "{openapi: 3.0.0, paths: {/a: {get: {parameters: [{in: query}]}}}} | /paths/~1a/get/parameters/0/name: missing (expected: the parameter name)",
            "{openapi: 3.0.0, paths: {/a: {get: {parameters: [{$ref: 'common.yaml#/p'}]}}}} | /paths/~1a/get/parameters/0/$ref: 'common.yaml#/p' points outside the document (expected: a local reference such as #/components/...; bundle the document first)",
            "{openapi: 3.0.0, paths: {/a: {get: {parameters: [{$ref: '#/components/parameters/nope'}]}}}} | /paths/~1a/get/parameters/0/$ref: '#/components/parameters/nope' points to nothing",
            "{openapi: 3.0.0, paths: {/a: {post: {requestBody: {}}}}} | /paths/~1a/post/requestBody/content: missing (expected: media types to schemas)",
            "'openapi: [' | (document): not valid YAML or JSON: ",
    })
    void rejectsWithPointerAndReason(String doc, String message) {
        assertThatThrownBy(() -> OpenApiDocument.parse(doc, null)).isInstanceOf(OpenApiException.class)
                .message().startsWith(message);
    }
}
