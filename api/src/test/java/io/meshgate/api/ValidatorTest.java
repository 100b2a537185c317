package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-resource rules: parentRefs, allowedRoutes, hostnames, ReferenceGrants, certificates, policy targets. */
class ValidatorTest {

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: meshgate
              listeners:
              - name: same
                port: 8080
                protocol: HTTP
                hostname: same.example.com
              - name: all
                port: 8080
                protocol: HTTP
                hostname: "*.all.example.com"
                allowedRoutes: {namespaces: {from: All}}
              - name: selected
                port: 8081
                protocol: HTTP
                allowedRoutes:
                  namespaces:
                    from: Selector
                    selector: {matchLabels: {gateway-access: "yes"}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a, labels: {gateway-access: "yes"}}
            ---
            """;

    private static String route(String namespace, String parentRef, String hostnames) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: %s}
                spec:
                  parentRefs: [%s]
                  hostnames: %s
                """.formatted(namespace, parentRef, hostnames);
    }

    private static LoadResult load(String yaml) {
        return new ConfigLoader().load("c.yaml", yaml);
    }

    private static List<RouteAttachment> attachments(LoadResult r) {
        assertThat(r.errors()).isEmpty();
        return new RouteBinder(r.resources()).attachments();
    }

    @Test
    void sameNamespaceRouteAttachesToListenersThatAllowIt() {
        LoadResult r = load(GATEWAY + route("infra", "{name: gw}", "[]"));
        assertThat(attachments(r)).extracting(a -> a.listener().name() + "=" + a.hostnames())
                .containsExactly("same=[same.example.com]", "all=[*.all.example.com]");
    }

    @Test
    void otherNamespaceNeedsFromAllOrSelector() {
        LoadResult r = load(GATEWAY + route("team-b", "{name: gw, namespace: infra}", "[]"));
        assertThat(attachments(r)).extracting(a -> a.listener().name()).containsExactly("all");

        LoadResult selected = load(GATEWAY + route("team-a", "{name: gw, namespace: infra}", "[]"));
        assertThat(attachments(selected)).extracting(a -> a.listener().name()).containsExactly("all", "selected");
    }

    @Test
    void routeNotAcceptedByAnyListenerIsAnError() {
        LoadResult r = load(GATEWAY + route("team-b", "{name: gw, namespace: infra, sectionName: same}", "[]"));
        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: HTTPRoute team-b/r: spec.parentRefs[0]: not accepted by Gateway infra/gw: listener same: "
                + "namespace \"team-b\" is not allowed (allowedRoutes.namespaces.from is Same)");

        LoadResult s = load(GATEWAY + route("team-b", "{name: gw, namespace: infra, sectionName: selected}", "[]"));
        assertThat(s.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: HTTPRoute team-b/r: spec.parentRefs[0]: not accepted by Gateway infra/gw: listener selected: "
                + "namespace \"team-b\" does not match allowedRoutes.namespaces.selector");
    }

    @Test
    void hostnamesIntersect() {
        LoadResult r = load(GATEWAY + route("infra", "{name: gw, port: 8080}",
                "[a.all.example.com, same.example.com, other.org]"));
        assertThat(attachments(r)).extracting(a -> a.listener().name() + "=" + a.hostnames())
                .containsExactly("same=[same.example.com]", "all=[a.all.example.com]");

        LoadResult none = load(GATEWAY + route("infra", "{name: gw, sectionName: same}", "[other.org]"));
        assertThat(none.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: HTTPRoute infra/r: spec.parentRefs[0]: not accepted by Gateway infra/gw: listener same: "
                + "no route hostname matches listener hostname \"same.example.com\"");
    }

    @Test
    void sectionNameAndPortMustNameAListener() {
        LoadResult r = load(GATEWAY + route("infra", "{name: gw, sectionName: nope}", "[]"));
        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: HTTPRoute infra/r: spec.parentRefs[0].sectionName: \"nope\" matches no listener of Gateway "
                + "infra/gw (expected one of: same (port 8080), all (port 8080), selected (port 8081))");
        LoadResult p = load(GATEWAY + route("infra", "{name: gw, port: 9999}", "[]"));
        assertThat(p.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: HTTPRoute infra/r: spec.parentRefs[0].port: 9999 matches no listener of Gateway "
                + "infra/gw (expected one of: same (port 8080), all (port 8080), selected (port 8081))");
    }

    @Test
    void missingGatewayIsAnError() {
        LoadResult r = load(route("infra", "{name: nope}", "[]"));
        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: HTTPRoute infra/r: spec.parentRefs[0]: Gateway infra/nope not found");
    }

    @Test
    void meshParentRefIsIgnoredWithAWarning() {
        LoadResult r = load(route("infra", "{group: '', kind: Service, name: svc}", "[]"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly("c.yaml: HTTPRoute infra/r: spec.parentRefs[0]: parentRefs to a "
                                                 + "Service (mesh routes) are not implemented yet; ignored");
    }

    private static final String CROSS_NS_BACKEND = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r, namespace: infra}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - backendRefs: [{name: shop, namespace: shop}]
            ---
            apiVersion: meshgate.io/v1alpha1
            kind: Backend
            metadata: {name: shop, namespace: shop}
            spec: {endpoints: [{address: 127.0.0.1, port: 9000}]}
            ---
            """;

    @Test
    void crossNamespaceBackendRefNeedsReferenceGrant() {
        LoadResult r = load(GATEWAY + CROSS_NS_BACKEND);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly("c.yaml: HTTPRoute infra/r: spec.rules[0].backendRefs[0]: shop/shop "
                + "is in another namespace and no ReferenceGrant there allows it; requests routed to it get 500");
        var route = r.resources().httpRoutes().get(0);
        var ref = route.spec().rules().get(0).backendRefs().get(0).ref();
        assertThat(r.resources().resolveBackend(route, ref)).isEmpty();

        LoadResult granted = load(GATEWAY + CROSS_NS_BACKEND + """
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g, namespace: shop}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]
                  to: [{group: '', kind: Service}]
                """);
        assertThat(granted.errors()).isEmpty();
        assertThat(granted.warnings()).isEmpty();
        assertThat(granted.resources().resolveBackend(route, ref)).isPresent();
    }

    private static String tlsGateway(String certRef) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw}
                spec:
                  gatewayClassName: meshgate
                  listeners:
                  - name: https
                    port: 8443
                    protocol: HTTPS
                    tls: {certificateRefs: [%s]}
                ---
                """.formatted(certRef);
    }

    private static String secret(String namespace, String type, String crt, String key) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: cert, namespace: %s}
                type: %s
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                ---
                """.formatted(namespace, type, crt.indent(4).stripTrailing(), key.indent(4).stripTrailing());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ValidatorTest.class.getResourceAsStream("/tls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void certificateRefsResolveToTlsSecretsWithParseablePem() throws IOException {
        String crt = resource("tls.crt");
        String key = resource("tls.key");
        LoadResult ok = load(tlsGateway("{name: cert}") + secret("default", "kubernetes.io/tls", crt, key));
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.resources().secret("default", "cert").orElseThrow().tlsCertificatePem()).isEqualTo(crt);

        LoadResult missing = load(tlsGateway("{name: nope}"));
        assertThat(missing.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs[0]: Secret default/nope not found");

        LoadResult opaque = load(tlsGateway("{name: cert}") + secret("default", "Opaque", crt, key));
        assertThat(opaque.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs[0]: Secret default/cert has type "
                + "Opaque (expected: kubernetes.io/tls)");

        LoadResult bad = load(tlsGateway("{name: cert}") + secret("default", "kubernetes.io/tls", "hello", key));
        assertThat(bad.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs[0]: Secret default/cert tls.crt: "
                + "no PEM certificate (expected: -----BEGIN CERTIFICATE-----)");

        LoadResult mismatch = load(tlsGateway("{name: cert}") + secret("default", "kubernetes.io/tls", crt,
                resource("other.key")));
        assertThat(mismatch.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs[0]: Secret default/cert tls.key: "
                + "the private key does not belong to the certificate CN=example.com");

        Clock future = Clock.fixed(Instant.parse("2200-01-01T00:00:00Z"), ZoneOffset.UTC);
        Validator.Result expired = new Validator(ok.resources(), future).validate();
        assertThat(expired.errors()).isEmpty();
        assertThat(expired.warnings()).extracting(ConfigError::toString).singleElement().asString()
                .startsWith("c.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs[0]: Secret default/cert "
                            + "tls.crt: the certificate expired at 21")
                .endsWith("; clients will refuse it");

        LoadResult cross = load(tlsGateway("{name: cert, namespace: certs}") + secret("certs", "kubernetes.io/tls", crt, key));
        assertThat(cross.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: Gateway default/gw: spec.listeners[0].tls.certificateRefs[0]: Secret certs/cert is in another "
                + "namespace and no ReferenceGrant there allows it (expected: a ReferenceGrant in certs from Gateway "
                + "in default)");

        LoadResult granted = load(tlsGateway("{name: cert, namespace: certs}") + secret("certs", "kubernetes.io/tls", crt, key)
                + """
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g, namespace: certs}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: default}]
                  to: [{group: '', kind: Secret, name: cert}]
                """);
        assertThat(granted.errors()).isEmpty();
    }

    private static final String POLICY_BASE = TestConfigs.gateway("gw") + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r}
            spec:
              parentRefs: [{name: gw}]
              rules: [{name: api}]
            ---
            """;

    private static String btp(String name, String targetRef) {
        return """
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: %s}
                spec:
                  targetRefs: [%s]
                  retry: {numRetries: 3}
                ---
                """.formatted(name, targetRef);
    }

    @Test
    void policyTargetsMustResolve() {
        assertThat(load(POLICY_BASE + btp("p", "{kind: HTTPRoute, name: r, sectionName: api}")).errors()).isEmpty();
        assertThat(load(POLICY_BASE + btp("p", "{kind: Gateway, name: gw, sectionName: http}")).errors()).isEmpty();
        assertThat(load(POLICY_BASE + btp("p", "{kind: HTTPRoute, name: nope}")).errors())
                .extracting(ConfigError::toString).containsExactly(
                        "c.yaml: BackendTrafficPolicy default/p: spec.targetRefs[0]: HTTPRoute default/nope not found");
        assertThat(load(POLICY_BASE + btp("p", "{kind: HTTPRoute, name: r, sectionName: web}")).errors())
                .extracting(ConfigError::toString).containsExactly(
                        "c.yaml: BackendTrafficPolicy default/p: spec.targetRefs[0].sectionName: \"web\" names no rule "
                        + "of HTTPRoute default/r");
        assertThat(load(POLICY_BASE + btp("p", "{kind: Backend, name: r}")).errors())
                .extracting(ConfigError::toString).containsExactly(
                        "c.yaml: BackendTrafficPolicy default/p: spec.targetRefs[0].kind: \"Backend\" (expected: Gateway "
                        + "or HTTPRoute in group gateway.networking.k8s.io)");
    }

    @Test
    void twoPoliciesOfOneKindOnOneTargetConflict() {
        LoadResult r = load(POLICY_BASE + btp("a", "{kind: HTTPRoute, name: r}") + btp("b", "{kind: HTTPRoute, name: r}")
                            + btp("c", "{kind: Gateway, name: gw}"));
        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(
                "c.yaml: BackendTrafficPolicy default/b: spec.targetRefs[0]: HTTPRoute default/r is already targeted by "
                + "BackendTrafficPolicy default/a (expected: one BackendTrafficPolicy per target)");
    }

    @Test
    void duplicateResourcesAreErrors() {
        LoadResult r = new ConfigLoader().load(java.util.Map.of("a.yaml", POLICY_BASE, "b.yaml", POLICY_BASE));
        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(
                "b.yaml: Gateway default/gw: metadata.name: duplicate: Gateway default/gw is already defined in a.yaml "
                + "(document 1)",
                "b.yaml: HTTPRoute default/r: metadata.name: duplicate: HTTPRoute default/r is already defined in a.yaml "
                + "(document 2)");
    }

    @Test
    void unimplementedKindsLoadWithAWarning() {
        LoadResult r = load("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: meshgate}
                spec: {controllerName: meshgate.io/gateway}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: g}
                spec: {whatever: 1}
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly(
                "c.yaml: GatewayClass meshgate: GatewayClass is accepted but not used: meshgate serves every Gateway "
                + "whatever its gatewayClassName",
                "c.yaml: GRPCRoute default/g: GRPCRoute is not implemented yet; ignored (gRPC works through an HTTPRoute)");
        assertThat(r.resources().gatewayClasses()).hasSize(1);
        assertThat(r.resources().size()).isEqualTo(1);
    }
}
