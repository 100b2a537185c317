package io.meshgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExplainTest {

    private final Explain explain = new Explain(ResourceKinds.builtin());

    @Test
    void explainsAKind() {
        String text = explain.explain("httproute");
        assertThat(text).startsWith("KIND:     HTTPRoute\nVERSION:  gateway.networking.k8s.io/v1\n\n");
        assertThat(text).contains("DESCRIPTION:\n    A Gateway API HTTPRoute (gateway.networking.k8s.io/v1)");
        assertThat(text).contains("  spec\t<object>\n    parentRefs, hostnames and rules, required\n");
    }

    @Test
    void explainsANestedFieldWithUnitsAndDefaults() {
        String text = explain.explain("HTTPRoute.spec.rules.backendRefs.weight");
        assertThat(text).contains("FIELD:    spec.rules.backendRefs.weight <integer>\n");
        assertThat(text).contains("share of the rule's traffic relative to the other backendRefs, default 1 (0..1000000;");

        String match = explain.explain("HTTPRoute.spec.rules.matches.path");
        assertThat(match).contains("  type\t<Exact | PathPrefix | RegularExpression>\n    Exact, PathPrefix or "
                                   + "RegularExpression; default PathPrefix\n");

        String retry = explain.explain("BackendTrafficPolicy.spec.retry.retryOn");
        assertThat(retry).contains("  triggers\t<[]5xx | gateway-error | reset | connect-failure | retriable-4xx | "
                                   + "refused-stream | retriable-status-codes>");
        assertThat(explain.explain("BackendTrafficPolicy.spec.retry.perRetry.timeout"))
                .contains("FIELD:    spec.retry.perRetry.timeout <duration>");
    }

    @Test
    void unknownNamesListWhatExists() {
        assertThatThrownBy(() -> explain.explain("Route")).hasMessageStartingWith("\"Route\" (expected one of: ")
                .hasMessageContaining("HTTPRoute");
        assertThatThrownBy(() -> explain.explain("Gateway.spec.listener"))
                .hasMessage("\"listener\" is not a field of spec (expected one of: gatewayClassName, listeners, "
                            + "addresses)");
    }
}
