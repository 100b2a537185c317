package io.meshgate.proxy.snapshot;

import static io.meshgate.proxy.snapshot.Compiling.get;
import static io.meshgate.proxy.snapshot.Compiling.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigError;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.route.Route;
import io.meshgate.testkit.SelfSignedCertificates;
import io.netty.handler.ssl.SslContext;
import io.meshgate.api.policy.EscapedSlashesAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies, TLS and limits in the snapshot compiler. */
class SnapshotCompilerPoliciesTest {

    /** A filter that says which policy made it. */
    record Marker(String policy, String route) implements HttpFilter {
        @Override
        public Phase phase() {
            return Phase.AUTHN;
        }

        @Override
        public FilterResult onRequest(Exchange exchange) {
            return FilterResult.next();
        }
    }

    /** Turns any BackendTrafficPolicy into a {@link Marker}, or rejects one named "bad". */
    static final class MarkerCompiler implements PolicyCompiler<BackendTrafficPolicy> {
        @Override
        public Class<BackendTrafficPolicy> policyType() {
            return BackendTrafficPolicy.class;
        }

        @Override
        public List<HttpFilter> filters(BackendTrafficPolicy policy, PolicyContext context) {
            if (policy.name().equals("bad")) {
                throw new IllegalArgumentException("rateLimit.local.rules[0]: nope (expected: yes)");
            }
            return List.of(new Marker(policy.name(), context.routeId()));
        }
    }

    private static final String BASE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              gatewayClassName: meshgate
              listeners:
                - {name: http, protocol: HTTP, port: 8080}
                - {name: admin, protocol: HTTP, port: 9090}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop}
            spec:
              parentRefs: [{name: edge}]
              rules:
                - name: checkout
                  matches: [{path: {value: /checkout}}]
                - name: browse
                  matches: [{path: {value: /}}]
            ---
            """;

    private static String policy(String name, String targets) {
        return """
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: %s}
                spec:
                  targetRefs: [%s]
                ---
                """.formatted(name, targets);
    }

    private final Compiling c = new Compiling();

    private static String markers(Route r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.filters().size(); i++) {
            if (r.filters().get(i) instanceof Marker m) {
                b.append(m.policy());
            }
        }
        return b.toString();
    }

    @Test
    void theMostSpecificPolicyOfAKindAppliesToEachRule() {
        c.policies.add(new MarkerCompiler());
        ProxySnapshot s = c.apply(BASE
                + policy("gw", "{group: gateway.networking.k8s.io, kind: Gateway, name: edge}")
                + policy("listener", "{group: gateway.networking.k8s.io, kind: Gateway, name: edge, sectionName: admin}")
                + policy("rule", "{group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop, sectionName: checkout}"));
        assertThat(markers(get(s, 8080, "h", "/checkout"))).isEqualTo("rule");
        assertThat(markers(get(s, 8080, "h", "/other"))).isEqualTo("gw");
        assertThat(markers(get(s, 9090, "h", "/other"))).isEqualTo("listener");
        assertThat(markers(get(s, 9090, "h", "/checkout"))).isEqualTo("rule");
        Marker m = (Marker) get(s, 9090, "h", "/checkout").filters().get(0);
        assertThat(m.route()).isEqualTo("default/shop/rule/0");
    }

    @Test
    void aPolicyThatCannotApplyRejectsTheSnapshotNamingThePolicy() {
        c.policies.add(new MarkerCompiler());
        SnapshotCompiler.Result r = c.compile(BASE
                + policy("bad", "{group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop}"));
        assertThat(r).isInstanceOf(SnapshotCompiler.Result.Rejected.class);
        List<ConfigError> errors = ((SnapshotCompiler.Result.Rejected) r).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("test.yaml");
            assertThat(e.resource()).isEqualTo("BackendTrafficPolicy default/bad");
            assertThat(e.fieldPath()).isEqualTo("spec.rateLimit.local.rules[0]");
            assertThat(e.reason()).isEqualTo("nope (expected: yes)");
        });
        assertThat(c.registry.active()).isEmpty();
    }

    @Test
    void httpsListenersPickTheirCertificateBySni() {
        SelfSignedCertificates ca = SelfSignedCertificates.newAuthority("test-ca");
        SelfSignedCertificates.Issued a = ca.issue("a.example.com");
        SelfSignedCertificates.Issued b = ca.issue("b.example.com");
        ProxySnapshot s = c.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners:
                    - name: a
                      protocol: HTTPS
                      port: 8443
                      hostname: a.example.com
                      tls: {certificateRefs: [{name: a}]}
                    - name: b
                      protocol: HTTPS
                      port: 8443
                      hostname: b.example.com
                      tls: {certificateRefs: [{name: b}]}
                ---
                """ + secret("a", a) + secret("b", b));
        ListenerPort p = port(s, 8443);
        assertThat(p.isTls()).isTrue();
        SslContext forA = p.tls().map("a.example.com");
        SslContext forB = p.tls().map("b.example.com");
        assertThat(forA).isNotSameAs(forB);
        assertThat(p.tls().map("unknown.example.com")).isIn(forA, forB);
        // The same certificate is not rebuilt on reload.
        ProxySnapshot again = c.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners:
                    - name: a
                      protocol: HTTPS
                      port: 8443
                      hostname: a.example.com
                      tls: {certificateRefs: [{name: a}]}
                ---
                """ + secret("a", a));
        assertThat(port(again, 8443).tls().map("a.example.com")).isSameAs(forA);
    }

    private static String secret(String name, SelfSignedCertificates.Issued cert) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: %s}
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                ---
                """.formatted(name, indent(cert.chainPem()), indent(cert.privateKeyPem()));
    }

    private static String indent(String pem) {
        return pem.lines().map(l -> "    " + l).reduce((x, y) -> x + "\n" + y).orElse("");
    }

    @Test
    void aClientTrafficPolicySetsThePortLimits() {
        ProxySnapshot s = c.apply(BASE + """
                apiVersion: meshgate.io/v1alpha1
                kind: ClientTrafficPolicy
                metadata: {name: limits}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge, sectionName: admin}]
                  timeout: {http: {idleTimeout: 5s, requestHeadersTimeout: 2s, requestReceivedTimeout: 30s}}
                  connection: {connectionLimit: {value: 10}}
                  clientIPDetection: {xForwardedFor: {numTrustedHops: 2}}
                  http2: {maxConcurrentStreams: 7}
                  headers: {maxRequestHeadersKb: 16, maxRequestHeaders: 50, maxRequestLineBytes: 4096}
                  requestBody: {maxBytes: 1048576}
                  path: {escapedSlashesAction: RejectRequest, disableMergeSlashes: true}
                """);
        assertThat(port(s, 8080).limits()).isEqualTo(ListenerLimits.DEFAULTS);
        assertThat(port(s, 9090).limits()).isEqualTo(new ListenerLimits(4096, 16 * 1024, 50, 1048576,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 10, 7, 2,
                new PathNormalization(false, EscapedSlashesAction.RejectRequest), Duration.ofSeconds(30)));
    }

    @Test
    void aBackendTrafficPolicyNamesItsOwnCluster() {
        Compiling withTraffic = new Compiling();
        withTraffic.translator = new io.meshgate.proxy.upstream.policy.BackendTrafficPolicyTranslator();
        ProxySnapshot s = withTraffic.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners: [{name: http, protocol: HTTP, port: 8080}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: api}
                spec: {endpoints: [{address: 127.0.0.1, port: 9001}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: plain}
                spec:
                  parentRefs: [{name: edge}]
                  rules: [{matches: [{path: {value: /plain}}], backendRefs: [{name: api}]}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: retried}
                spec:
                  parentRefs: [{name: edge}]
                  rules: [{matches: [{path: {value: /retried}}], backendRefs: [{name: api}]}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: retries}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: retried}]
                  retry: {numRetries: 2}
                  timeout: {http: {requestTimeout: 3s}}
                """);
        Route plain = get(s, 8080, "h", "/plain");
        Route retried = get(s, 8080, "h", "/retried");
        assertThat(plain.backends().get(0).cluster().name()).isEqualTo("default/api");
        assertThat(retried.backends().get(0).cluster().name()).isEqualTo("default/api@default/retries");
        assertThat(retried.retry().numRetries()).isEqualTo(2);
        assertThat(retried.timeouts().request()).isEqualTo(Duration.ofSeconds(3));
        assertThat(plain.retry().numRetries()).isZero();
    }
}
