package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Thousands of routes load and validate; a reload re-parses only what changed. */
class LargeConfigTest {

    private static final String GATEWAY = TestConfigs.gateway("gw");

    static String config(int routes) {
        return GATEWAY + routes(0, routes);
    }

    static String routes(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("""
                    ---
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: r%1$d}
                    spec:
                      parentRefs: [{name: gw}]
                      hostnames: [h%1$d.example.com]
                      rules:
                      - matches: [{path: {type: PathPrefix, value: /p%1$d}}]
                        backendRefs: [{name: b%1$d}]
                    ---
                    apiVersion: meshgate.io/v1alpha1
                    kind: Backend
                    metadata: {name: b%1$d}
                    spec: {endpoints: [{address: 127.0.0.1, port: 9000}]}
                    """.formatted(i));
        }
        return sb.toString();
    }

    @Test
    void manyRoutesInManyFilesAndAReloadReparsesOnlyTheChangedFile() {
        Map<String, String> files = new TreeMap<>();
        files.put("gw.yaml", GATEWAY);
        for (int f = 0; f < 30; f++) {
            files.put("routes-" + f + ".yaml", routes(f * 100, f * 100 + 100));
        }
        ConfigLoader loader = new ConfigLoader();
        LoadResult first = loader.load(files);
        assertThat(first.errors()).isEmpty();
        assertThat(first.warnings()).isEmpty();
        assertThat(first.resources().httpRoutes()).hasSize(3000);
        assertThat(new RouteBinder(first.resources()).attachments()).hasSize(3000);

        files.put("routes-7.yaml", files.get("routes-7.yaml").replace("/p742}", "/changed}"));
        LoadResult second = loader.load(files);
        assertThat(second.errors()).isEmpty();
        ResourceDiff diff = second.resources().diff(first.resources());
        assertThat(diff.changed()).containsExactly(new ResourceId("HTTPRoute", "default", "r742"));
        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        // Files whose content did not change are not parsed again: the very same records come back.
        assertThat(second.resources().httpRoute("default", "r0").orElseThrow())
                .isSameAs(first.resources().httpRoute("default", "r0").orElseThrow());
        assertThat(second.resources().httpRoute("default", "r741").orElseThrow())
                .isNotSameAs(first.resources().httpRoute("default", "r741").orElseThrow());

        files.remove("routes-29.yaml");
        ResourceDiff removed = loader.load(files).resources().diff(second.resources());
        assertThat(removed.removed()).hasSize(200);
        assertThat(removed.size()).isEqualTo(200);
    }
}
