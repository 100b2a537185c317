package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What a policy attaches to ({@code targetRefs} entry): a Gateway or HTTPRoute in the policy's namespace,
 * optionally one listener (Gateway) or one named rule (HTTPRoute).
 *
 * @param group API group, default {@code gateway.networking.k8s.io}
 * @param kind {@code Gateway} or {@code HTTPRoute} (which kinds a policy accepts depends on the policy), required
 * @param name name of the target in the policy's namespace, required
 * @param sectionName a listener name (Gateway) or rule name (HTTPRoute), optional
 */
public record PolicyTargetReference(String group, String kind, String name, @Nullable String sectionName) {
    /** The Gateway API group. */
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    public PolicyTargetReference {
        group = Checks.orDefault(group, GATEWAY_GROUP);
        kind = Checks.requiredText(kind, "kind");
        name = Checks.requiredText(name, "name");
        sectionName = sectionName == null || sectionName.isEmpty() ? null : sectionName;
    }
}
