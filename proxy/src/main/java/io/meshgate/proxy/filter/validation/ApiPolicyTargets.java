package io.meshgate.proxy.filter.validation;

import io.meshgate.api.policy.Policy;
import io.meshgate.api.policy.PolicyTargetReference;
import io.meshgate.proxy.snapshot.PolicyTarget;
import java.util.ArrayList;
import java.util.List;

/** The {@link PolicyTarget}s of an API management policy's {@code targetRefs}. */
public final class ApiPolicyTargets {

    private ApiPolicyTargets() {
    }

    /** Each targetRef as a target in the policy's namespace. */
    public static List<PolicyTarget> of(Policy policy) {
        List<PolicyTarget> targets = new ArrayList<>(policy.targetRefs().size());
        for (PolicyTargetReference ref : policy.targetRefs()) {
            targets.add(new PolicyTarget(ref.kind(), policy.namespace(), ref.name(), ref.sectionName()));
        }
        return List.copyOf(targets);
    }
}
