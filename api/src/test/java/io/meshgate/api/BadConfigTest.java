package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input is rejected with a message naming the file, the resource, the field and the reason. */
class BadConfigTest {

    private static final String GW = gateway("{name: http, port: 8080, protocol: HTTP}") + "---\n";

    /** Gateway default/gw with {@code listeners} (YAML flow mappings). */
    private static String gateway(String... listeners) {
        return TestConfigs.gateway("gw", listeners);
    }

    /** A {@code gateway.networking.k8s.io/v1} resource of {@code kind} written in flow style. */
    private static String resource(String kind, String metadata, String spec) {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: " + kind + "\nmetadata: " + metadata
                + "\nspec: " + spec + "\n";
    }

    private static String route(String rule) {
        return GW + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - %s
                """.formatted(rule);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(route("backendRefs: [{name: shop, weight: -1}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].backendRefs[0].weight: -1 (expected: 0..1000000)"),
                Arguments.of(route("matches: [{path: {type: Prefix, value: /}}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].matches[0].path.type: \"Prefix\" "
                        + "(expected one of: Exact, PathPrefix, RegularExpression)"),
                Arguments.of(route("matches: [{path: {value: cart}}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].matches[0].path.value: \"cart\" "
                        + "(expected: a path starting with /)"),
                Arguments.of(route("matches: [{path: {type: RegularExpression, value: '/a('}}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].matches[0].path.value: \"/a(\" is not a valid "
                        + "regular expression (Unclosed group near index 3)"),
                Arguments.of(route("matches: [{headers: [{name: x-a}]}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].matches[0].headers[0].value: required"),
                Arguments.of(route("matches: [{method: FETCH}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].matches[0].method: \"FETCH\" (expected one of: "
                        + "GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH)"),
                Arguments.of(route("backendRefs: [{name: shop, wieght: 2}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].backendRefs[0].wieght: unknown field "
                        + "(expected one of: filters, group, kind, name, namespace, port, weight)"),
                Arguments.of(route("backendRefs: [{name: shop, port: eighty}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].backendRefs[0].port: \"eighty\" "
                        + "(expected: an integer)"),
                Arguments.of(route("backendRefs: [{name: shop, port: \"80\"}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].backendRefs[0].port: \"80\" "
                        + "(expected: an integer)"),
                Arguments.of(route("backendRefs: {name: shop}"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].backendRefs: an object (expected: a list)"),
                Arguments.of(route("timeouts: {request: 1.5s}"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].timeouts.request: \"1.5s\" "
                        + "(expected: a duration such as 10s, 500ms or 1h30m)"),
                Arguments.of(route("timeouts: {request: 1s, backendRequest: 2s}"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].timeouts.backendRequest: 2s "
                        + "(expected: <= request 1s)"),
                Arguments.of(route("filters: [{type: RequestHeaderModifier}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].filters[0].requestHeaderModifier: "
                        + "required when type is RequestHeaderModifier"),
                Arguments.of(route("filters: [{type: RequestRedirect, requestRedirect: {statusCode: 305}}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].filters[0].requestRedirect.statusCode: 305 "
                        + "(expected: one of 301, 302, 303, 307, 308)"),
                Arguments.of(route("filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, "
                                   + "replacePrefixMatch: /v2}}}]\n    matches: [{path: {type: Exact, value: /v1}}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].filters[0]: ReplacePrefixMatch needs exactly "
                        + "one match, of type PathPrefix"),
                Arguments.of(route("filters: [{type: RequestHeaderModifier, requestHeaderModifier: "
                                   + "{set: [{name: 'bad header', value: x}]}}]"),
                        "gw.yaml: HTTPRoute default/shop: spec.rules[0].filters[0].requestHeaderModifier.set[0].name: "
                        + "\"bad header\" (expected: an HTTP header name)"),
                Arguments.of(GW + resource("HTTPRoute",
                        "{name: shop}", "{parentRefs: [{name: gw}], hostnames: ['*.*.example.com']}"),
                        "gw.yaml: HTTPRoute default/shop: spec.hostnames[0]: \"*.*.example.com\" "
                        + "(expected: a lowercase DNS name, optionally starting with *.)"),
                Arguments.of(GW + resource("HTTPRoute",
                        "{name: shop}", "{parentRefs: [{name: gw}, {name: gw, kind: Gateway}]}"),
                        "gw.yaml: HTTPRoute default/shop: spec.parentRefs[1]: duplicate of parentRefs[0]"),
                Arguments.of(GW + resource("HTTPRoute", "{name: shop}", "{hostnames: [a.example.com]}"),
                        "gw.yaml: HTTPRoute default/shop: spec.parentRefs: required (expected: 1..32 entries)"),
                Arguments.of(GW + resource("HTTPRoute", "{name: Shop}", "{parentRefs: [{name: gw}]}"),
                        "gw.yaml: HTTPRoute default/Shop: metadata.name: \"Shop\" (expected: lowercase letters, "
                        + "digits, '-' and '.', starting and ending with a letter or digit)"),
                Arguments.of(GW + resource("HTTPRoute", "{namespace: x}", "{parentRefs: [{name: gw}]}"),
                        "gw.yaml: HTTPRoute x/<no name>: metadata.name: required"),
                Arguments.of(gateway("{name: http, port: 0, protocol: HTTP}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[0].port: 0 (expected: 1..65535)"),
                Arguments.of(gateway("{name: tcp, port: 80, protocol: TCP}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[0].protocol: \"TCP\" (expected one of: HTTP, HTTPS)"),
                Arguments.of(gateway("{name: https, port: 443, protocol: HTTPS}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs: required when protocol is HTTPS"),
                Arguments.of(gateway("{name: a, port: 80, protocol: HTTP}", "{name: a, port: 81, protocol: HTTP}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[1].name: \"a\" (expected: unique within the Gateway)"),
                Arguments.of(gateway("{name: a, port: 80, protocol: HTTP}",
                        "{name: b, port: 80, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[1].protocol: HTTPS on port 80 conflicts with "
                        + "listener a (HTTP) (expected: one protocol per port)\n"
                        + "gw.yaml: Gateway default/gw: spec.listeners[1].tls.certificateRefs[0]: "
                        + "Secret default/c not found"),
                Arguments.of("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspecs: {}\n",
                        "gw.yaml: Gateway default/gw: specs: unknown field (expected one of: metadata, spec)"),
                Arguments.of("apiVersion: meshgate.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: p}\n"
                             + "spec: {targetRef: {kind: Gateway, name: gw}}\n",
                        "gw.yaml: BackendTrafficPolicy default/p: spec.targetRef: unknown field (expected one of: "
                        + "circuitBreaker, healthCheck, loadBalancer, rateLimit, retry, targetRefs, timeout)"),
                Arguments.of(resource("Gateway", "{name: gw}",
                        "{gatewayClassName: a, listeners: [{name: h, port: 99999999999, protocol: HTTP}]}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[0].port: 99999999999 (expected: an integer of "
                        + "at most 2147483647)"),
                Arguments.of(resource("Gateway",
                        "{name: gw}", "{gatewayClassName: a, listeners: [{name: h, port: 80.5, protocol: HTTP}]}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[0].port: 80.5 (expected: an integer)"),
                Arguments.of(resource("Gateway",
                        "{name: gw}", "{gatewayClassName: [a], listeners: [{name: h, port: 80, protocol: HTTP}]}"),
                        "gw.yaml: Gateway default/gw: spec.gatewayClassName: a list (expected: a string)"),
                Arguments.of(resource("Gateway", "{name: gw}", "{gatewayClassName: a, listeners: [null]}"),
                        "gw.yaml: Gateway default/gw: spec.listeners[0]: required"),
                Arguments.of("apiVersion: gateway.networking.k8s.io/v2\nkind: Gateway\nmetadata: {name: gw}\n",
                        "gw.yaml: Gateway default/gw: apiVersion: \"gateway.networking.k8s.io/v2\" (expected one of: "
                        + "gateway.networking.k8s.io/v1, gateway.networking.k8s.io/v1beta1)"),
                Arguments.of("apiVersion: meshgate.io/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n",
                        "gw.yaml: Cluster default/c: kind: \"Cluster\" (expected one of: "
                        + String.join(", ", ResourceKinds.builtin().kindsOf("meshgate.io")) + ")"),
                Arguments.of("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
                        "gw.yaml: Deployment default/d: apiVersion: \"apps/v1\" (expected one of: "
                        + String.join(", ", ResourceKinds.builtin().apiVersions()) + ")"),
                Arguments.of("kind: Gateway\nmetadata: {name: gw}\n",
                        "gw.yaml: Gateway default/gw: apiVersion: required"),
                Arguments.of("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\n"
                             + "data: {tls.crt: '!!!', tls.key: eA==}\n",
                        "gw.yaml: Secret default/s: data[tls.crt]: not valid base64 (Illegal base64 character 21)"),
                Arguments.of("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\n"
                             + "stringData: {tls.crt: x}\n",
                        "gw.yaml: Secret default/s: data[tls.key]: required for type kubernetes.io/tls"),
                Arguments.of("apiVersion: meshgate.io/v1alpha1\nkind: Backend\nmetadata: {name: b}\n"
                             + "spec: {endpoints: [{address: 'http://x', port: 80}]}\n",
                        "gw.yaml: Backend default/b: spec.endpoints[0].address: \"http://x\" (expected: an IP "
                        + "address or DNS name, without port)"),
                Arguments.of("apiVersion: meshgate.io/v1alpha1\nkind: Backend\nmetadata: {name: b}\n"
                             + "spec: {appProtocol: grpc, endpoints: [{address: x, port: 80}]}\n",
                        "gw.yaml: Backend default/b: spec.appProtocol: \"grpc\" (expected one of: http, h2c, "
                        + "kubernetes.io/h2c, https, h2)"),
                Arguments.of("apiVersion: meshgate.io/v1alpha1\nkind: Backend\nmetadata: {name: b}\n"
                             + "spec: {endpoints: []}\n",
                        "gw.yaml: Backend default/b: spec.endpoints: required (expected: at least 1 endpoint)"),
                Arguments.of("a: [\n", "gw.yaml: line 2: invalid YAML: while parsing a flow node: "
                                         + "expected the node content, but found '<stream end>'"),
                Arguments.of("a: b\n c: d\n", "gw.yaml: line 2: invalid YAML: mapping values are not allowed here"),
                Arguments.of("- a\n- b\n",
                        "gw.yaml: document 1: expected a resource (an object with apiVersion, kind and metadata)"),
                Arguments.of("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nmetadata: {name: b}\n",
                        "gw.yaml: line 4: invalid YAML: Duplicate field 'metadata'"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rejectedWithExactMessage(String yaml, String expected) {
        LoadResult r = new ConfigLoader().load("gw.yaml", yaml);
        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(expected.split("\n"));
        assertThat(r.isValid()).isFalse();
    }
}
