package io.meshgate.api.apimgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigError;
import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.TestConfigs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ApiManagementResourcesTest {

    static final String ROUTE = TestConfigs.gateway("gw") + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: accounts}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - backendRefs: [{name: accounts, port: 8081}]
            ---
            apiVersion: meshgate.io/v1alpha1
            kind: Backend
            metadata: {name: accounts}
            spec:
              endpoints: [{address: 127.0.0.1, port: 8081}]
            ---
            """;

    static LoadResult load(String yaml) {
        return new ConfigLoader().load("apis.yaml", ROUTE + yaml);
    }

    @Test
    void loadsTheThreeKinds() {
        LoadResult r = load("""
                apiVersion: meshgate.io/v1alpha1
                kind: RequestValidation
                metadata: {name: accounts-api}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts}]
                  openapi: {file: accounts-openapi.yaml}
                  unknownOperation: PassThrough
                  maxBodyBytes: 65536
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: ApiDocs
                metadata: {name: accounts-docs}
                spec:
                  targetRefs: [{kind: HTTPRoute, name: accounts}]
                  openapi:
                    inline: |
                      openapi: 3.1.0
                      info: {title: x, version: '1'}
                  uiPath: /docs/
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: ResponseCache
                metadata: {name: accounts-cache}
                spec:
                  targetRefs: [{kind: Gateway, name: gw}]
                  defaultTtl: 30s
                  maxTtl: 1h
                  maxTotalBytes: 1000000
                  statuses: [200]
                """);
        assertThat(r.errors()).isEmpty();
        RequestValidation v = r.resources().all(RequestValidation.class).get(0);
        assertThat(v.spec().openapi().file()).isEqualTo("accounts-openapi.yaml");
        assertThat(v.spec().unknownOperationOrDefault()).isEqualTo(RequestValidationSpec.UnknownOperation.PassThrough);
        assertThat(v.spec().maxBodyBytesOrDefault()).isEqualTo(65536);
        assertThat(v.spec().validateFormatsOrDefault()).isTrue();
        ApiDocs d = r.resources().all(ApiDocs.class).get(0);
        assertThat(d.spec().uiPathOrDefault()).isEqualTo("/docs");
        assertThat(d.spec().specPathOrDefault()).isEqualTo("/openapi.json");
        assertThat(d.spec().openapi().load(java.nio.file.Path.of(".")).openapi()).isEqualTo("3.1.0");
        ResponseCache c = r.resources().all(ResponseCache.class).get(0);
        assertThat(c.spec().defaultTtlOrDefault()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.spec().maxTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(c.spec().maxEntryBytesOrDefault()).isEqualTo(1 << 20);
        assertThat(c.spec().statusesOrDefault()).containsExactly(200);
    }

    @Test
    void openApiDocumentsBesideTheConfigAreNotResources() {
        LoadResult r = new ConfigLoader().load(java.util.Map.of("routes.yaml", ROUTE,
                "accounts-openapi.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
                "old.json", "{\"swagger\": \"2.0\"}"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources().size()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RequestValidation | {targetRefs: [{kind: HTTPRoute, name: accounts}], openapi: {}} | spec.openapi.file | required (expected: exactly one of file and inline)",
            "RequestValidation | {targetRefs: [{kind: HTTPRoute, name: accounts}], openapi: {file: a, inline: b}} | spec.openapi.inline | must be absent when file is set (expected: exactly one of file and inline)",
            "RequestValidation | {targetRefs: [{kind: HTTPRoute, name: accounts}]} | spec.openapi | required",
            "RequestValidation | {openapi: {file: a}} | spec.targetRefs | required (expected: 1..16 entries)",
            "RequestValidation | {targetRefs: [{kind: HTTPRoute, name: accounts}], openapi: {file: a}, maxBodyBytes: 0} | spec.maxBodyBytes | 0 (expected: >= 1)",
            "RequestValidation | {targetRefs: [{kind: HTTPRoute, name: accounts}], openapi: {file: a}, unknownOperation: Allow} | spec.unknownOperation | \"Allow\" (expected one of: Reject, PassThrough)",
            "ApiDocs | {targetRefs: [{kind: HTTPRoute, name: accounts}], openapi: {file: a}, specPath: openapi.json} | spec.specPath | \"openapi.json\" (expected: an absolute path without query)",
            "ApiDocs | {targetRefs: [{kind: HTTPRoute, name: accounts}], openapi: {file: a}, specPath: /x, uiPath: /x} | spec.uiPath | \"/x\" (expected: different from specPath)",
            "ResponseCache | {targetRefs: [{kind: HTTPRoute, name: accounts}], defaultTtl: 10} | spec.defaultTtl | ",
            "ResponseCache | {targetRefs: [{kind: HTTPRoute, name: accounts}], statuses: [200, 99]} | spec.statuses[1] | 99 (expected: 200..599)",
            "ResponseCache | {targetRefs: [{kind: HTTPRoute, name: accounts}], maxEntryBytes: 10, maxTotalBytes: 5} | spec.maxEntryBytes | 10 (expected: <= maxTotalBytes 5)",
            "ResponseCache | {targetRefs: [{kind: HTTPRoute, name: accounts}], ttl: 5s} | spec.ttl | unknown field",
    })
    void badConfigNamesFileResourceFieldAndReason(String kind, String spec, String field, String reason) {
        LoadResult r = load("apiVersion: meshgate.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: p}\nspec: " + spec + "\n");
        List<ConfigError> errors = r.errors();
        assertThat(errors).hasSize(1);
        ConfigError e = errors.get(0);
        assertThat(e.file()).isEqualTo("apis.yaml");
        assertThat(e.resource()).contains(kind).contains("p");
        assertThat(e.fieldPath()).isEqualTo(field);
        assertThat(e.reason()).startsWith(reason == null ? "" : reason);
    }
}
