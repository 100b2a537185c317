package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.policy.Policy;
import io.meshgate.api.policy.PolicyTargetReference;
import io.meshgate.proxy.filter.HttpFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyAttachmentTest {

    record TestPolicy(ObjectMeta metadata, List<PolicyTargetReference> targetRefs) implements Policy {
        @Override
        public String kind() {
            return "TestPolicy";
        }

        @Override
        public Set<String> targetKinds() {
            return Set.of("Gateway", "HTTPRoute");
        }
    }

    static final class TestCompiler implements PolicyCompiler<TestPolicy> {
        @Override
        public Class<TestPolicy> policyType() {
            return TestPolicy.class;
        }

        @Override
        public List<HttpFilter> filters(TestPolicy policy, PolicyContext context) {
            return List.of();
        }
    }

    private static final PolicyContext CONTEXT = new PolicyContext("apps", "shop", 1, "checkout", "infra", "edge",
            "https", 443, "apps/shop/rule/1", ResourceSet.empty());

    /** A policy in namespace {@code ns}, targets as {@code kind:name[:section]}. */
    private static TestPolicy policy(String ns, String name, String... targets) {
        return new TestPolicy(ObjectMeta.of(ns, name), Arrays.stream(targets).map(t -> {
            String[] p = t.split(":");
            return new PolicyTargetReference(null, p[0], p[1], p.length > 2 ? p[2] : null);
        }).toList());
    }

    private static PolicyAttachment.Effective<TestPolicy> resolve(TestPolicy... policies) {
        return new PolicyAttachment<>(new TestCompiler(), Arrays.asList(policies)).resolve(CONTEXT);
    }

    @Test
    void mostSpecificAttachmentWins() {
        TestPolicy gw = policy("infra", "gw", "Gateway:edge");
        TestPolicy listener = policy("infra", "listener", "Gateway:edge:https");
        TestPolicy routeWide = policy("apps", "route", "HTTPRoute:shop");
        TestPolicy rule = policy("apps", "rule", "HTTPRoute:shop:checkout");

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
                policy("infra", "other-gateway", "Gateway:other"),
                policy("apps", "other-namespace", "Gateway:edge"),
                policy("infra", "other-listener", "Gateway:edge:http"),
                policy("apps", "other-rule", "HTTPRoute:shop:cart"),
                policy("apps", "other-route", "HTTPRoute:blog"),
                policy("infra", "route-in-gateway-namespace", "HTTPRoute:shop"),
                policy("apps", "unknown-kind", "Service:shop")).policy()).isNull();
    }

    @Test
    void atTheSameLevelTheFirstWinsAndTheOthersAreConflicts() {
        TestPolicy a = policy("apps", "a", "HTTPRoute:shop");
        TestPolicy b = policy("apps", "b", "HTTPRoute:shop");
        TestPolicy gw = policy("infra", "gw", "Gateway:edge");
        PolicyAttachment.Effective<TestPolicy> e = resolve(gw, a, b);
        assertThat(e.policy()).isSameAs(a);
        assertThat(e.conflicts()).containsExactly(b);
    }

    @Test
    void aPolicyWithSeveralTargetsCountsAtItsMostSpecific() {
        TestPolicy multi = policy("apps", "multi", "Gateway:other", "HTTPRoute:shop");
        TestPolicy routeOnly = policy("apps", "route", "HTTPRoute:shop");
        PolicyAttachment.Effective<TestPolicy> e = resolve(multi, routeOnly);
        assertThat(e.policy()).isSameAs(multi);
        assertThat(e.conflicts()).containsExactly(routeOnly);
    }
}
