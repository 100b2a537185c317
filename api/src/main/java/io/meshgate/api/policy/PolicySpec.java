package io.meshgate.api.policy;

import java.util.List;

/** The {@code spec} of a policy resource: whatever else it holds, it names what it attaches to. */
public interface PolicySpec {

    /** The targets, at least one. */
    List<PolicyTargetReference> targetRefs();
}
