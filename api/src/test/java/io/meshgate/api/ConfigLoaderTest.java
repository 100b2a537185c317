package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.ListenerProtocol;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.AppProtocol;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.route.HttpRouteRule;
import io.meshgate.api.route.PathMatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: gw
            spec:
              gatewayClassName: meshgate
              listeners:
              - name: http
                port: 8080
                protocol: HTTP
            """;

    static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: shop
            spec:
              parentRefs:
              - name: gw
              rules:
              - matches:
                - path: {type: Exact, value: /cart}
                backendRefs:
                - name: shop
                timeouts: {request: 10s, backendRequest: 500ms}
              - backendRefs:
                - name: shop
                  weight: 3
            """;

    static final String BACKEND = """
            apiVersion: meshgate.io/v1alpha1
            kind: Backend
            metadata:
              name: shop
            spec:
              endpoints:
              - address: 127.0.0.1
                port: 9000
            """;

    final ConfigLoader loader = new ConfigLoader();

    @Test
    void loadsMultiDocumentYamlWithDefaults() {
        LoadResult r = loader.load("gw.yaml", GATEWAY + "---\n" + ROUTE + "---\n---\n" + BACKEND);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        ResourceSet set = r.resources();
        assertThat(set.size()).isEqualTo(3);

        Gateway gw = set.gateways().get(0);
        assertThat(gw.namespace()).isEqualTo("default");
        assertThat(gw.spec().listeners().get(0).protocol()).isEqualTo(ListenerProtocol.HTTP);
        assertThat(gw.spec().bindAddress()).isEqualTo("0.0.0.0");

        HttpRoute route = set.httpRoutes().get(0);
        HttpRouteRule first = route.spec().rules().get(0);
        assertThat(first.matches().get(0).path().type()).isEqualTo(PathMatchType.Exact);
        assertThat(first.backendRefs().get(0).weight()).isEqualTo(1);
        assertThat(first.backendRefs().get(0).kind()).isEqualTo("Service");
        assertThat(first.timeouts().request()).isEqualTo(Duration.ofSeconds(10));
        assertThat(first.timeouts().backendRequest()).isEqualTo(Duration.ofMillis(500));
        HttpRouteRule second = route.spec().rules().get(1);
        assertThat(second.matches().get(0).path().type()).isEqualTo(PathMatchType.PathPrefix);
        assertThat(second.matches().get(0).path().value()).isEqualTo("/");
        assertThat(second.backendRefs().get(0).weight()).isEqualTo(3);

        Backend b = set.backends().get(0);
        assertThat(b.spec().protocol()).isEqualTo(AppProtocol.HTTP);
        assertThat(b.spec().endpoints().get(0).weight()).isEqualTo(1);
        assertThat(set.resolveBackend(route, first.backendRefs().get(0).ref())).contains(b);
        assertThat(set.find(Backend.class, "default", "shop")).contains(b);
        assertThat(set.find(Backend.class, "other", "shop")).isEmpty();
        assertThat(set.find(Resource.class, "default", "gw")).contains(gw);
        assertThat(set.find(new ResourceId("HTTPRoute", "default", "shop"))).contains(route);

        assertThat(set.sourceOf(b)).isEqualTo(new Source("gw.yaml", 3, 30));
        assertThat(set.sourceOf(gw).document()).isZero();
        assertThat(new RouteBinder(set).attachments()).hasSize(1);
    }

    @Test
    void loadsDirectoryRecursivelyInPathOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b/c"));
        Files.writeString(dir.resolve("b/c/route.yml"), ROUTE);
        Files.writeString(dir.resolve("a.yaml"), GATEWAY);
        Files.writeString(dir.resolve("z.json"), """
                {"apiVersion": "meshgate.io/v1alpha1", "kind": "Backend", "metadata": {"name": "shop"},
                 "spec": {"endpoints": [{"address": "127.0.0.1", "port": 9000}]}}
                """);
        Files.writeString(dir.resolve("notes.txt"), "not: config");
        Files.writeString(dir.resolve(".hidden.yaml"), "garbage: [");
        LoadResult r = loader.load(dir);
        assertThat(r.errors()).isEmpty();
        assertThat(r.resources().all()).extracting(Resource::kind).containsExactly("Gateway", "HTTPRoute", "Backend");
        assertThat(r.resources().sourceOf(r.resources().backends().get(0)).file())
                .isEqualTo(dir.resolve("z.json").toString());
    }

    @Test
    void missingBackendIsAWarningNotAnError() {
        LoadResult r = loader.load(Map.of("a.yaml", GATEWAY, "b.yaml", ROUTE));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(
                "b.yaml: HTTPRoute default/shop: spec.rules[0].backendRefs[0]: Backend default/shop not found; "
                + "requests routed to it get 500",
                "b.yaml: HTTPRoute default/shop: spec.rules[1].backendRefs[0]: Backend default/shop not found; "
                + "requests routed to it get 500");
    }

    @Test
    void errorsCarryTheLineOfTheirField() {
        String yaml = GATEWAY + "---\n" + ROUTE.replace("weight: 3", "weight: -3") + "---\n" + BACKEND;
        LoadResult r = loader.load("gw.yaml", yaml);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.fieldPath()).isEqualTo("spec.rules[1].backendRefs[0].weight");
            assertThat(yaml.lines().toList().get(e.line() - 1)).contains("weight: -3");
            assertThat(e.toStringWithLine()).isEqualTo("gw.yaml:" + e.line() + ": HTTPRoute default/shop: "
                    + "spec.rules[1].backendRefs[0].weight: -3 (expected: 0..1000000)");
        });

        String missingGateway = GATEWAY + "---\n" + ROUTE.replace("- name: gw", "- name: nope");
        LoadResult missing = loader.load("gw.yaml", missingGateway);
        assertThat(missing.errors()).singleElement().satisfies(e -> {
            assertThat(missingGateway.lines().toList().get(e.line() - 1)).contains("- name: nope");
            assertThat(e.toStringWithLine()).isEqualTo("gw.yaml:" + e.line() + ": HTTPRoute default/shop: "
                                                       + "spec.parentRefs[0]: Gateway default/nope not found");
        });
    }

    @Test
    void secretsAreRedactedInConfigJsonButNotForDistribution() {
        String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {token: hunter2}\n"
                        + "data: {other: aGVsbG8=}\n";
        ResourceSet set = loader.load("s.yaml", secret).orThrow();
        assertThat(set.toJson()).doesNotContain("hunter2").doesNotContain("aGVsbG8=")
                .contains("\"token\" : \"<redacted 7 bytes>\"").contains("\"other\" : \"<redacted 5 bytes>\"");
        ResourceSet again = new ConfigLoader().load("s.json", set.toJson(true)).orThrow();
        assertThat(again.all()).isEqualTo(set.all());
        assertThat(again.secret("default", "s").orElseThrow().value("other")).isEqualTo("hello");
    }

    @Test
    void toJsonRoundTrips() {
        LoadResult r = loader.load("gw.yaml", GATEWAY + "---\n" + ROUTE + "---\n" + BACKEND);
        String json = r.resources().toJson();
        LoadResult again = loader.load("config.json", json);
        assertThat(again.errors()).isEmpty();
        assertThat(again.resources().all()).isEqualTo(r.resources().all());
    }
}
