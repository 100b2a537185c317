package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.HttpFilter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyAttachmentTest {

    record TestPolicy(String name, List<PolicyTarget> targets) { }

    static final class TestCompiler implements PolicyCompiler<TestPolicy> {
        @Override
        public Class<TestPolicy> policyType() {
            return TestPolicy.class;
        }

        @Override
        public List<PolicyTarget> targets(TestPolicy policy) {
            return policy.targets();
        }

        @Override
        public List<HttpFilter> filters(TestPolicy policy, PolicyContext context) {
            return List.of();
        }
    }

    private static final PolicyContext CONTEXT = new PolicyContext("apps", "shop", 1, "checkout", "infra", "edge",
            "https", 443, "apps/shop/rule/1");

    private static TestPolicy policy(String name, PolicyTarget... targets) {
        return new TestPolicy(name, Arrays.asList(targets));
    }

    private static PolicyTarget gateway(String ns, String name, String section) {
        return new PolicyTarget(PolicyTarget.GATEWAY, ns, name, section);
    }

    private static PolicyTarget route(String ns, String name, String section) {
        return new PolicyTarget(PolicyTarget.HTTP_ROUTE, ns, name, section);
    }

    private static PolicyAttachment.Effective<TestPolicy> resolve(TestPolicy... policies) {
        return new PolicyAttachment<>(new TestCompiler(), Arrays.asList(policies)).resolve(CONTEXT);
    }

    @Test
    void mostSpecificAttachmentWins() {
        TestPolicy gw = policy("gw", gateway("infra", "edge", null));
        TestPolicy listener = policy("listener", gateway("infra", "edge", "https"));
        TestPolicy routeWide = policy("route", route("apps", "shop", null));
        TestPolicy rule = policy("rule", route("apps", "shop", "checkout"));

        assertThat(resolve(gw).policy()).isSameAs(gw);
        assertThat(resolve(gw, listener).policy()).isSameAs(listener);
        assertThat(resolve(listener, gw).policy()).isSameAs(listener);
        assertThat(resolve(gw, routeWide, listener).policy()).isSameAs(routeWide);
        PolicyAttachment.Effective<TestPolicy> all = resolve(rule, gw, routeWide, listener);
        assertThat(all.policy()).isSameAs(rule);
        assertThat(all.level()).isEqualTo(PolicyAttachment.Level.ROUTE_RULE);
        assertThat(all.conflicts()).isEmpty();
    }

    @Test
    void policiesForOtherTargetsDoNotApply() {
        assertThat(resolve(
                policy("other-gateway", gateway("infra", "other", null)),
                policy("other-namespace", gateway("apps", "edge", null)),
                policy("other-listener", gateway("infra", "edge", "http")),
                policy("other-rule", route("apps", "shop", "cart")),
                policy("other-route", route("apps", "blog", null)),
                policy("unknown-kind", new PolicyTarget("Service", "apps", "shop", null))).policy()).isNull();
    }

    @Test
    void atTheSameLevelTheFirstWinsAndTheOthersAreConflicts() {
        TestPolicy a = policy("a", route("apps", "shop", null));
        TestPolicy b = policy("b", route("apps", "shop", null));
        TestPolicy gw = policy("gw", gateway("infra", "edge", null));
        PolicyAttachment.Effective<TestPolicy> e = resolve(gw, a, b);
        assertThat(e.policy()).isSameAs(a);
        assertThat(e.conflicts()).containsExactly(b);
    }

    @Test
    void aPolicyWithSeveralTargetsCountsAtItsMostSpecific() {
        TestPolicy multi = policy("multi", gateway("infra", "edge", null), route("apps", "shop", null));
        TestPolicy routeOnly = policy("route", route("apps", "shop", null));
        PolicyAttachment.Effective<TestPolicy> e = resolve(multi, routeOnly);
        assertThat(e.policy()).isSameAs(multi);
        assertThat(e.conflicts()).containsExactly(routeOnly);
    }
}
