package io.meshgate.api.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TransformFilterLoadingTest {

    private static final String HEAD = "apiVersion: meshgate.io/v1alpha1\nkind: TransformFilter\n"
            + "metadata: {name: t, namespace: bank}\n";

    private static LoadResult load(String spec) {
        return new ConfigLoader().load("t.yaml", HEAD + "spec:\n" + spec.indent(2));
    }

    @Test
    void loadsEveryBlockWithDefaults() {
        LoadResult r = load("""
                requestBodyLimit: {maxBytes: 1048576}
                compression: {}
                jsonShape:
                  keep: [user.name, activity]
                  rename: {user.name: displayName}
                aggregation:
                  calls:
                    - name: user
                      backendRef: {name: accounts}
                      path: /users/{header.x-user-id}
                    - name: activity
                      backendRef: {group: meshgate.io, kind: Backend, name: activity}
                      path: /activity?user={consumer}&limit=10
                      timeout: 2s
                  onError: Partial
                """);
        assertThat(r.errors()).isEmpty();
        TransformFilterSpec s = r.resources().all(TransformFilter.class).get(0).spec();
        assertThat(s.requestBodyLimit().maxBytes()).isEqualTo(1048576L);
        assertThat(s.compression().types()).containsExactly(CompressionType.Gzip, CompressionType.Deflate);
        assertThat(s.compression().minBytes()).isEqualTo(1024);
        assertThat(s.compression().level()).isEqualTo(6);
        assertThat(s.compression().contentTypes()).isEqualTo(Compression.DEFAULT_CONTENT_TYPES);
        assertThat(s.jsonShape().rename()).isEqualTo(Map.of("user.name", "displayName"));
        assertThat(s.jsonShape().maxBytes()).isEqualTo(1 << 20);
        assertThat(s.aggregation().onError()).isEqualTo(AggregationErrorMode.Partial);
        assertThat(s.aggregation().calls().get(0).timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.aggregation().calls().get(1).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.aggregation().calls().get(1).backendRef().kind()).isEqualTo("Backend");
        assertThat(s.aggregation().calls()).extracting(AggregationCall::name).isEqualTo(List.of("user", "activity"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "{}"
                    + "| spec.requestBodyLimit: required unless compression, jsonShape or aggregation is set (expected: at least one block)",
            "{requestBodyLimit: {maxBytes: -1}} | spec.requestBodyLimit.maxBytes: -1 (expected: >= 0)",
            "{compression: {level: 10}} | spec.compression.level: 10 (expected: 1..9)",
            "{compression: {types: [Brotli]}} | spec.compression.types[0]: \"Brotli\" (expected one of: Gzip, Deflate)",
            "{compression: {types: [Gzip, Gzip]}} | spec.compression.types: [Gzip, Gzip] (expected: each type once)",
            "{compression: {contentTypes: [json]}} | spec.compression.contentTypes[0]: \"json\" (expected: type/subtype, type/* or +suffix)",
            "{jsonShape: {}} | spec.jsonShape.keep: required unless remove or rename is set (expected: at least one)",
            "{jsonShape: {remove: [a..b]}} | spec.jsonShape.remove[0]: \"a..b\" (expected: a field path such as user.address.city)",
            "{jsonShape: {rename: {a: b.c}}} | spec.jsonShape.rename.a: \"b.c\" (expected: a field name without dots)",
            "{aggregation: {calls: []}} | spec.aggregation.calls: 0 entries (expected: 1..16)",
            "{aggregation: {calls: [{name: a, backendRef: {name: x}, path: /a}, {name: a, backendRef: {name: y}, path: /b}]}}"
                    + "| spec.aggregation.calls[1].name: \"a\" used twice (expected: distinct names)",
            "{aggregation: {calls: [{name: _x, backendRef: {name: x}, path: /a}]}}"
                    + "| spec.aggregation.calls[0].name: \"_x\" (expected: not starting with _, which marks meshgate's own keys)",
            "{aggregation: {calls: [{name: a, backendRef: {name: x}, path: a}]}}"
                    + "| spec.aggregation.calls[0].path: \"a\" (expected: a path starting with /)",
            "{aggregation: {calls: [{name: a, backendRef: {name: x}, path: '/u/{user}'}]}}"
                    + "| spec.aggregation.calls[0].path: \"/u/{user}\" (expected: placeholders {header.NAME}, {query.NAME} or {consumer})",
            "{aggregation: {calls: [{name: a, path: /a}]}} | spec.aggregation.calls[0].backendRef: required",
            "{aggregation: {calls: [{name: a, backendRef: {name: x}, path: /a, timeout: 0s}]}}"
                    + "| spec.aggregation.calls[0].timeout: 0s (expected: 1ms..5m)",
    })
    void badConfigNamesFileResourceFieldAndReason(String spec, String expected) {
        LoadResult r = load(spec);
        assertThat(r.errors()).extracting(Object::toString).containsExactly("t.yaml: TransformFilter bank/t: " + expected);
    }
}
