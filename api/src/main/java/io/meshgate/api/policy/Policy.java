package io.meshgate.api.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.meshgate.api.Resource;
import java.util.List;
import java.util.Set;

/**
 * A resource attached to Gateways or HTTPRoutes by {@code targetRefs} (Gateway API policy attachment).
 * The validator checks, for every Policy, that each target exists in the policy's namespace, that its kind
 * is one of {@link #targetKinds()}, and that a {@code sectionName} names a listener or rule.
 */
public interface Policy extends Resource {

    /** The targets, at least one. */
    @JsonIgnore
    List<PolicyTargetReference> targetRefs();

    /** The kinds this policy may target, e.g. {@code Gateway} and {@code HTTPRoute}. */
    @JsonIgnore
    Set<String> targetKinds();
}
