package io.meshgate.proxy.snapshot;

import io.meshgate.api.ResourceSet;
import io.meshgate.api.policy.Policy;
import io.meshgate.proxy.filter.HttpFilter;
import java.util.List;

/**
 * Turns one kind of attached policy (SecurityPolicy, BackendTrafficPolicy's rate limits, ...) into
 * the filters of the route rules it applies to. The policy-attachment SPI of the snapshot
 * compiler; each kind is registered by one line in {@link BuiltinPolicies}.
 *
 * <p>The snapshot compiler finds, for every route rule served through a Gateway listener, the
 * policies of {@link #policyType()} whose {@link #targets} name it, and keeps the most specific
 * (GEP-713): the rule (HTTPRoute with {@code sectionName}) over the HTTPRoute, over the listener
 * (Gateway with {@code sectionName}), over the Gateway. Policies at the same level do not merge:
 * the first by {@code namespace/name} wins, the others are reported as conflicts (warnings). Only that effective policy reaches {@link #filters}.
 *
 * <p>One instance lives as long as the running gateway and is called on every reload, from one
 * thread at a time. It may keep state across reloads (e.g. reuse a filter, with its counters or
 * caches, when the policy record is equal to the last one), but never in static fields.
 *
 * @param <P> the policy's resource record (from the {@code api} module)
 */
public interface PolicyCompiler<P extends Policy> {

    /** The policy's resource record class; resources of this class are handed to this compiler. */
    Class<P> policyType();

    /** Where {@code policy} attaches: by default its {@code targetRefs}, in the policy's namespace. */
    default List<PolicyTarget> targets(P policy) {
        return PolicyAttachment.targetRefs(policy);
    }

    /**
     * The filters that {@code policy}, the effective policy of its kind for {@code context}, adds to
     * that route rule. Each filter's {@link HttpFilter#phase()} places it in the chain.
     *
     * @throws IllegalArgumentException when the policy cannot apply here; the message names the
     *     field and the reason (Armeria style) and the snapshot is rejected with it
     */
    List<HttpFilter> filters(P policy, PolicyContext context);

    /**
     * What, besides the policy resource itself, {@code policy}'s filters are built from, such as
     * the text of a file it names; compared with {@code equals} from one reload to the next. When
     * it changes, the routes the policy applies to are compiled again even if no resource changed.
     * Default: nothing. Called once per policy per reload, off the event loops. Must not throw:
     * a failure to read an input is reported by {@link #filters}.
     */
    default Object inputs(P policy, ResourceSet resources) {
        return List.of();
    }

    /** Releases what the compiler holds across reloads (clients, timers); called when the gateway stops. */
    default void close() {
    }
}
