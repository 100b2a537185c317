package io.meshgate.proxy.snapshot;

import static io.meshgate.proxy.snapshot.Compiling.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigError;
import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.SecurityPolicyCompiler;
import io.meshgate.proxy.filter.auth.apikey.ApiKeyAuthFilter;
import io.meshgate.proxy.filter.auth.authz.AuthorizationFilter;
import io.meshgate.proxy.filter.auth.basic.BasicAuthFilter;
import io.meshgate.proxy.filter.auth.extauth.ExtAuthFilter;
import io.meshgate.proxy.filter.auth.jwt.JwtAuthFilter;
import io.meshgate.proxy.filter.cors.CorsFilter;
import io.meshgate.proxy.filter.ipfilter.IpFilter;
import io.meshgate.proxy.route.Route;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SecurityPolicies and Consumers compile into the filters of the routes they target. */
class SecuritySnapshotTest {

    static final DefaultEventLoopGroup LOOPS = new DefaultEventLoopGroup(1);
    static final String KEY1 = "mgk_first-key-for-the-snapshot-test";
    static final String KEY2 = "mgk_second-key-for-the-snapshot-test";

    final Compiling c = new Compiling();
    SecurityPolicyCompiler compiler;

    @BeforeEach
    void policies() {
        compiler = new SecurityPolicyCompiler(new PolicyEnvironment(LOOPS, Clock.systemUTC(), new SimpleMeterRegistry()));
        c.policies.add(compiler);
    }

    @AfterEach
    void close() {
        compiler.close();
    }

    @AfterAll
    static void stop() {
        LOOPS.shutdownGracefully();
    }

    static String config(String keyHash, String policySpec) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: eg}
                spec:
                  gatewayClassName: meshgate
                  listeners: [{name: http, port: 8080, protocol: HTTP}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: accounts}
                spec: {endpoints: [{address: 127.0.0.1, port: 9001}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: accounts}
                spec:
                  parentRefs: [{name: eg}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /accounts}}]
                    backendRefs: [{name: accounts}]
                  - name: public
                    matches: [{path: {type: PathPrefix, value: /public}}]
                    backendRefs: [{name: accounts}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Consumer
                metadata: {name: alice}
                spec:
                  credentials:
                    apiKeys: [{hash: "%s"}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: accounts}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts}]
                %s
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: public}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: public}]
                  cors: {allowOrigins: ["https://bank.example"]}
                """.formatted(keyHash, policySpec.indent(2).stripTrailing());
    }

    static List<Class<?>> filters(Route r) {
        FilterChain chain = r.filters();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            types.add(chain.get(i).getClass());
        }
        return types;
    }

    @Test
    void everyBlockBecomesAFilterInPhaseOrder() {
        ProxySnapshot s = c.apply(config(ApiKeys.hash(KEY1), """
                apiKeyAuth: {extractFrom: [{headers: [x-api-key]}]}
                jwt: {providers: [{name: idp, localJWKS: {inline: '{"keys":[{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}]}'}}]}
                basicAuth: {}
                extAuth: {http: {url: 'http://127.0.0.1:9002'}}
                cors: {allowOrigins: ["*"]}
                authorization:
                  rules: [{action: Allow, principal: {jwt: {provider: idp, scopes: [read]}}}]
                """));

        assertThat(filters(get(s, 8080, "any", "/accounts/1"))).containsExactly(CorsFilter.class,
                ApiKeyAuthFilter.class, JwtAuthFilter.class, BasicAuthFilter.class, ExtAuthFilter.class,
                AuthorizationFilter.class);
        assertThat(filters(get(s, 8080, "any", "/public/rates"))).as("the rule-level policy wins").containsExactly(
                CorsFilter.class);
    }

    @Test
    void addressOnlyRulesBecomeTheIpFilter() {
        ProxySnapshot s = c.apply(config(ApiKeys.hash(KEY1), """
                authorization:
                  defaultAction: Deny
                  rules: [{action: Allow, principal: {clientCIDRs: [10.0.0.0/8]}}]
                """));

        assertThat(filters(get(s, 8080, "any", "/accounts"))).containsExactly(IpFilter.class);
    }

    @Test
    void newConsumerKeyReachesTheFilterOnReload() {
        String spec = "apiKeyAuth: {extractFrom: [{headers: [x-api-key]}]}";
        ProxySnapshot first = c.apply(config(ApiKeys.hash(KEY1), spec));
        ProxySnapshot second = c.apply(config(ApiKeys.hash(KEY2), spec));

        assertThat(status(first, KEY1)).isEqualTo(200);
        assertThat(status(second, KEY1)).as("the old key is gone").isEqualTo(401);
        assertThat(status(second, KEY2)).isEqualTo(200);
    }

    @Test
    void extAuthBackendWithTlsIsRejectedWithTheField() {
        String yaml = config(ApiKeys.hash(KEY1), "extAuth: {http: {backendRefs: [{name: authz}]}}") + """
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: authz}
                spec:
                  appProtocol: https
                  endpoints: [{address: 127.0.0.1, port: 9443}]
                  tls: {sni: authz.internal}
                """;

        SnapshotCompiler.Result r = c.compile(yaml);

        assertThat(r).isInstanceOf(SnapshotCompiler.Result.Rejected.class);
        assertThat(((SnapshotCompiler.Result.Rejected) r).errors()).extracting(ConfigError::toString).containsExactly(
                "test.yaml: SecurityPolicy default/accounts: spec.extAuth.http.backendRefs[0]: Backend default/authz "
                + "has tls settings, which extAuth does not support yet (expected: a Backend without tls, or "
                + "extAuth.http.url with an https URL trusted by the JDK)");
    }

    private static int status(ProxySnapshot s, String key) {
        Route r = get(s, 8080, "any", "/accounts");
        FilterResult result = r.filters().get(0).onRequest(TestExchange.request().header("x-api-key", key).build());
        return result instanceof FilterResult.Respond respond ? respond.status() : 200;
    }
}
