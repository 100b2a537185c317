package io.meshgate.proxy.snapshot;

import static io.meshgate.proxy.snapshot.Compiling.get;
import static io.meshgate.proxy.snapshot.Compiling.match;
import static io.meshgate.proxy.snapshot.Compiling.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.headers.RequestHeaderModifierFilter;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotCompilerTest {

    static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              gatewayClassName: meshgate
              listeners:
                - {name: http, protocol: HTTP, port: 8080}
            ---
            """;

    static String backend(String name, int port) {
        return """
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: %s}
                spec:
                  endpoints: [{address: 127.0.0.1, port: %d}]
                ---
                """.formatted(name, port);
    }

    /** An HTTPRoute {@code name} on Gateway {@code edge} with {@code rules} (a YAML list), then {@code ---}. */
    static String route(String name, String rules) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                %s---
                """.formatted(name, rules.indent(4));
    }

    private final Compiling c = new Compiling();

    @Test
    void routesABackendRefToTheBackendOfTheSameName() {
        ProxySnapshot s = c.apply(GATEWAY + backend("accounts", 9101) + route("accounts", """
                - matches: [{path: {type: PathPrefix, value: /accounts}}]
                  backendRefs: [{name: accounts, port: 80}]
                  timeouts: {request: 5s, backendRequest: 2s}
                """));

        assertThat(s.ports()).hasSize(1);
        ListenerPort p = port(s, 8080);
        assertThat(p.address()).isEqualTo("0.0.0.0");
        assertThat(p.isTls()).isFalse();
        assertThat(p.limits()).isEqualTo(ListenerLimits.DEFAULTS);
        Route r = get(s, 8080, "any.host", "/accounts/alice");
        assertThat(r.id()).isEqualTo("default/accounts/rule/0");
        assertThat(r.backends()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("default/accounts");
            assertThat(b.weight()).isEqualTo(1);
            assertThat(b.cluster()).isNotNull();
            assertThat(b.cluster().name()).isEqualTo("default/accounts");
            assertThat(b.cluster().settings().protocol()).isEqualTo(UpstreamProtocol.HTTP1);
        });
        assertThat(r.timeouts().request()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.timeouts().backendRequest()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.clusters()).containsOnlyKeys("default/accounts");
        assertThat(match(s, 8080, "GET", "any.host", "/accountsx")).isNull();
        assertThat(s.configJson()).contains("\"HTTPRoute\"");
    }

    @Test
    void unresolvedAndForbiddenBackendRefsHaveNoCluster() {
        ProxySnapshot s = c.apply(GATEWAY + backend("here", 9101) + """
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: elsewhere, namespace: other}
                spec:
                  endpoints: [{address: 127.0.0.1, port: 9102}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: split}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - backendRefs:
                        - {name: here, weight: 2}
                        - {name: missing, weight: 1}
                        - {name: elsewhere, namespace: other, weight: 1}
                        - {group: meshgate.io, kind: Backend, name: here, weight: 3}
                """);
        Route r = get(s, 8080, "h", "/");
        assertThat(r.backends()).extracting(b -> b.name() + "=" + (b.cluster() == null ? null : b.cluster().name()))
                .containsExactly("default/here=default/here", "default/missing=null", "other/elsewhere=null",
                        "default/here=default/here");
        assertThat(r.backends().get(0).cluster()).isSameAs(r.backends().get(3).cluster());
        assertThat(r.backends()).extracting(b -> b.weight()).containsExactly(2, 1, 1, 3);
    }

    @Test
    void aReferenceGrantAllowsACrossNamespaceBackend() {
        ProxySnapshot s = c.apply(GATEWAY + """
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: elsewhere, namespace: other}
                spec:
                  endpoints: [{address: 127.0.0.1, port: 9102}]
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: allow-default, namespace: other}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
                  to: [{group: "", kind: Service}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - backendRefs: [{name: elsewhere, namespace: other}]
                """);
        Cluster cluster = get(s, 8080, "h", "/").backends().get(0).cluster();
        assertThat(cluster).isNotNull();
        assertThat(cluster.name()).isEqualTo("other/elsewhere");
    }

    @Test
    void unchangedClustersAreTheSameInstanceAcrossReloads() {
        String route = route("r", """
                - matches: [{path: {value: /a}}]
                  backendRefs: [{name: a}]
                - matches: [{path: {value: /b}}]
                  backendRefs: [{name: b}]
                """);
        ProxySnapshot first = c.apply(GATEWAY + backend("a", 9001) + backend("b", 9002) + route);
        ProxySnapshot second = c.apply(GATEWAY + backend("a", 9001) + backend("b", 9003) + route);

        assertThat(second.clusters().get("default/a")).isSameAs(first.clusters().get("default/a"));
        assertThat(second.clusters().get("default/b")).isNotSameAs(first.clusters().get("default/b"));
        assertThat(c.registry.active().get("default/b").config().endpoints())
                .containsExactly(new Endpoint("127.0.0.1", 9003, 1));
        assertThat(get(second, 8080, "h", "/b").backends().get(0).cluster())
                .isSameAs(second.clusters().get("default/b"));
    }

    @Test
    void listenersOnOnePortMergeAndRoutesServeOnlyTheirListenersHosts() {
        ProxySnapshot s = c.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners:
                    - {name: a, protocol: HTTP, port: 8080, hostname: a.example.com}
                    - {name: b, protocol: HTTP, port: 8080, hostname: "*.b.example.com"}
                    - {name: other-port, protocol: HTTP, port: 9090}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: on-a}
                spec:
                  parentRefs: [{name: edge, sectionName: a}]
                  rules: [{backendRefs: [{name: x}]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: on-b}
                spec:
                  parentRefs: [{name: edge, sectionName: b}]
                  hostnames: [x.b.example.com, other.org]
                  rules: [{backendRefs: [{name: x}]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: by-port}
                spec:
                  parentRefs: [{name: edge, port: 9090}]
                  rules: [{backendRefs: [{name: x}]}]
                """);
        assertThat(s.ports()).extracting(ListenerPort::port).containsExactly(8080, 9090);
        assertThat(get(s, 8080, "a.example.com", "/").id()).isEqualTo("default/on-a/rule/0");
        assertThat(get(s, 8080, "x.b.example.com", "/").id()).isEqualTo("default/on-b/rule/0");
        assertThat(match(s, 8080, "GET", "y.b.example.com", "/")).isNull();
        assertThat(match(s, 8080, "GET", "other.org", "/")).isNull();
        assertThat(get(s, 9090, "anything", "/").id()).isEqualTo("default/by-port/rule/0");
        assertThat(port(s, 8080).routes().size()).isEqualTo(2);
    }

    @Test
    void ruleFiltersRunInOrderAndRedirectsUseTheListenerPort() {
        ProxySnapshot s = c.apply(GATEWAY + backend("api", 9001) + route("r", """
                - matches: [{path: {type: PathPrefix, value: /old}}]
                  filters:
                    - type: RequestRedirect
                      requestRedirect:
                        path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}
                        statusCode: 301
                - matches: [{path: {type: PathPrefix, value: /api/v1}}]
                  filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier: {set: [{name: x-env, value: prod}]}
                    - type: URLRewrite
                      urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v1}}
                    - type: RequestMirror
                      requestMirror: {backendRef: {name: api}, percent: 25}
                  backendRefs: [{name: api}]
                """));
        Route redirect = get(s, 8080, "example.com", "/old/page");
        Exchange x = TestExchange.request(HttpMethod.GET, "/old/page?q=1").authority("example.com:8080").build();
        FilterResult.Respond answer = (FilterResult.Respond) redirect.filters().get(0).onRequest(x);
        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.headers().get("location")).isEqualTo("http://example.com:8080/new/page?q=1");
        assertThat(redirect.backends()).isEmpty();

        Route api = get(s, 8080, "example.com", "/api/v1/users");
        assertThat(api.filters().size()).isEqualTo(2);
        assertThat(api.filters().get(0)).isInstanceOf(RequestHeaderModifierFilter.class);
        Exchange y = TestExchange.request(HttpMethod.GET, "/api/v1/users?x=1").build();
        api.filters().get(0).onRequest(y);
        api.filters().get(1).onRequest(y);
        assertThat(y.path()).isEqualTo("/v1/users?x=1");
        assertThat(y.requestHeaders().get("x-env")).isEqualTo("prod");
        assertThat(api.mirrors()).singleElement().satisfies(m -> {
            assertThat(m.cluster().name()).isEqualTo("default/api");
            assertThat(m.percent()).isEqualTo(25.0);
        });
    }

    @Test
    void everyMatchOfARuleIsAnEntryAndPrecedenceHoldsAcrossRoutes() {
        ProxySnapshot s = c.apply(GATEWAY + route("broad", """
                - matches:
                    - {path: {type: PathPrefix, value: /}}
                    - {path: {type: Exact, value: /health}, method: GET}
                """) + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: canary}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /}
                          headers: [{name: X-Canary, value: "true"}]
                """);
        assertThat(port(s, 8080).routes().size()).isEqualTo(3);
        assertThat(match(s, 8080, "GET", "h", "/x", "x-canary", "true").id()).isEqualTo("default/canary/rule/0");
        assertThat(match(s, 8080, "GET", "h", "/x").id()).isEqualTo("default/broad/rule/0");
        assertThat(match(s, 8080, "GET", "h", "/health", "x-canary", "true").id())
                .isEqualTo("default/broad/rule/0");
    }

    @Test
    void requestsReachOnlyTheRoutesOfTheMostSpecificListenerOfTheirHost() {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners:
                    - {name: empty, protocol: HTTP, port: 8080}
                    - {name: wild, protocol: HTTP, port: 8080, hostname: "*.example.com"}
                    - {name: wild-foo, protocol: HTTP, port: 8080, hostname: "*.foo.example.com"}
                    - {name: abc, protocol: HTTP, port: 8080, hostname: abc.foo.example.com}
                """);
        for (String listener : new String[] {"empty", "wild", "wild-foo", "abc"}) {
            yaml.append("""
                    ---
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: %s}
                    spec:
                      parentRefs: [{name: edge, sectionName: %s}]
                      rules: [{matches: [{path: {value: /%s}}]}]
                    """.formatted(listener, listener, listener));
        }
        ProxySnapshot s = c.apply(yaml.toString());
        String[][] cases = {
                {"abc.foo.example.com", "/abc", "abc"},
                {"abc.foo.example.com", "/wild-foo", null},
                {"abc.foo.example.com", "/wild", null},
                {"abc.foo.example.com", "/empty", null},
                {"x.foo.example.com", "/wild-foo", "wild-foo"},
                {"x.foo.example.com", "/wild", null},
                {"foo.example.com", "/wild", "wild"},
                {"a.b.example.com", "/wild", "wild"},
                {"a.b.example.com", "/empty", null},
                {"bar.com", "/empty", "empty"},
                {"bar.com", "/wild", null},
        };
        for (String[] t : cases) {
            Route r = match(s, 8080, "GET", t[0], t[1]);
            assertThat(r == null ? null : r.id()).as("%s%s", t[0], t[1])
                    .isEqualTo(t[2] == null ? null : "default/" + t[2] + "/rule/0");
        }
    }
}
