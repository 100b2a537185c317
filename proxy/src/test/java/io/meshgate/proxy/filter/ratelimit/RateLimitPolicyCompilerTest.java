package io.meshgate.proxy.filter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import io.meshgate.proxy.snapshot.PolicyTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitPolicyCompilerTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final RateLimitPolicyCompiler compiler = new RateLimitPolicyCompiler(new PolicyEnvironment(loops,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new SimpleMeterRegistry()));

    @AfterEach
    void close() {
        compiler.close();
        loops.shutdownGracefully();
    }

    private static BackendTrafficPolicy policy(String rateLimitYaml) {
        String yaml = """
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: limits, namespace: bank}
                spec:
                  targetRefs:
                    - {group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts}
                    - {group: gateway.networking.k8s.io, kind: Gateway, name: edge, sectionName: https}
                  rateLimit:
                """ + rateLimitYaml.indent(4);
        LoadResult r = new ConfigLoader().load("limits.yaml", yaml);
        // The targets are not part of this test's config: only their absence may be reported.
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.toString()).endsWith("not found"));
        return r.resources().backendTrafficPolicies().get(0);
    }

    private static PolicyContext route(String name) {
        return new PolicyContext("bank", name, 0, null, "bank", "edge", "https", 443, "bank/" + name + "/rule/0");
    }

    @Test
    void targetsAreThePolicyTargetRefsInItsNamespace() {
        BackendTrafficPolicy p = policy("local: {rules: [{limit: {requests: 1, unit: Second}}]}");
        assertThat(compiler.targets(p)).containsExactly(
                new PolicyTarget("HTTPRoute", "bank", "accounts", null),
                new PolicyTarget("Gateway", "bank", "edge", "https"));
    }

    @Test
    void compilesLocalRulesWithSelectorsBurstAndSeveralLimits() {
        BackendTrafficPolicy p = policy("""
                type: Local
                local:
                  rules:
                    - clientSelectors:
                        - consumer: {type: Distinct}
                      limit: {requests: 2, unit: Second, burst: 3}
                    - clientSelectors:
                        - consumer: {type: Distinct}
                      limit: {requests: 4, unit: Hour}
                """);
        List<HttpFilter> filters = compiler.filters(p, route("accounts"));
        assertThat(filters).singleElement().isInstanceOf(LocalRateLimitFilter.class);
        HttpFilter f = filters.get(0);
        assertThat(admitted(f, "acme", 10)).isEqualTo(3); // burst
        assertThat(admitted(f, "globex", 10)).isEqualTo(3);
        assertThat(admitted(f, "anonymous", 0)).isZero();
        Exchange anonymous = TestExchange.request().build();
        assertThat(f.onRequest(anonymous)).isEqualTo(FilterResult.next());
    }

    @Test
    void routesCountApartUnlessTheRuleIsSharedAndAReloadKeepsTheCounts() {
        BackendTrafficPolicy p = policy("""
                local:
                  rules:
                    - limit: {requests: 2, unit: Minute}
                    - clientSelectors: [{headers: [{name: x-plan, value: free}]}]
                      limit: {requests: 1, unit: Minute}
                      shared: true
                """);
        HttpFilter accounts = compiler.filters(p, route("accounts")).get(0);
        HttpFilter activity = compiler.filters(p, route("activity")).get(0);
        assertThat(admittedPlain(accounts, 5)).isEqualTo(2);
        assertThat(admittedPlain(activity, 5)).isEqualTo(2); // per route

        assertThat(admittedFree(accounts, 5)).isZero(); // route bucket already empty
        HttpFilter other = compiler.filters(p, route("transfers")).get(0);
        assertThat(admittedFree(other, 5)).isEqualTo(1);
        HttpFilter another = compiler.filters(p, route("cards")).get(0);
        assertThat(admittedFree(another, 5)).isZero(); // the shared free-plan bucket is used up

        HttpFilter reloaded = compiler.filters(p, route("accounts")).get(0);
        assertThat(admittedPlain(reloaded, 5)).isZero();
        assertThat(accounts).isNotNull(); // keeps the first snapshot's buckets reachable, as a live snapshot would
    }

    @Test
    void compilesAGlobalFilterWithItsFailureMode() {
        BackendTrafficPolicy p = policy("""
                global:
                  redis: {url: "redis://127.0.0.1:1", timeout: 50ms}
                  failClosed: true
                  rules:
                    - clientSelectors: [{sourceCIDR: {type: Distinct, value: 0.0.0.0/0}}]
                      limit: {requests: 100, unit: Second}
                """);
        assertThat(compiler.filters(p, route("accounts"))).singleElement().isInstanceOf(GlobalRateLimitFilter.class);
    }

    @Test
    void aGlobalLimitFinerThanAMicrosecondIsRefusedWithItsField() {
        BackendTrafficPolicy p = policy("""
                global:
                  redis: {url: "redis://127.0.0.1:1"}
                  rules:
                    - limit: {requests: 2000000, unit: Second}
                """);
        assertThatThrownBy(() -> compiler.filters(p, route("accounts")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rateLimit.global.rules.requests: 2000000 per PT1S (expected: at most one request per"
                        + " microsecond for a Global limit)");
    }

    @Test
    void noRateLimitBlockMeansNoFilter() {
        String yaml = """
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: lb, namespace: bank}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts}]
                  loadBalancer: {type: RoundRobin}
                """;
        BackendTrafficPolicy p = new ConfigLoader().load("lb.yaml", yaml).resources().backendTrafficPolicies().get(0);
        assertThat(compiler.filters(p, route("accounts"))).isEmpty();
    }

    private static int admitted(HttpFilter f, String consumer, int attempts) {
        int n = 0;
        for (int i = 0; i < attempts; i++) {
            Exchange x = TestExchange.request().build();
            x.attr(AuthAttributes.IDENTITY, new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.JWT));
            n += f.onRequest(x) == FilterResult.next() ? 1 : 0;
        }
        return n;
    }

    private static int admittedPlain(HttpFilter f, int attempts) {
        return count(f, attempts, TestExchange.request());
    }

    private static int admittedFree(HttpFilter f, int attempts) {
        return count(f, attempts, TestExchange.request().header("x-plan", "free"));
    }

    private static int count(HttpFilter f, int attempts, TestExchange request) {
        int n = 0;
        for (int i = 0; i < attempts; i++) {
            n += f.onRequest(request.build()) == FilterResult.next() ? 1 : 0;
        }
        return n;
    }
}
