package io.meshgate.proxy.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Finds the effective policy of one kind for a route rule served through a Gateway listener:
 * the most specific attachment wins (rule, then route, then listener, then Gateway), and among
 * policies attached at the same level the first one given wins; the rest are conflicts.
 *
 * @param <P> the policy record
 */
public final class PolicyAttachment<P extends io.meshgate.api.policy.Policy> {

    /** How specific an attachment is, most specific first. */
    public enum Level { ROUTE_RULE, ROUTE, LISTENER, GATEWAY }

    /**
     * The outcome for one route rule.
     *
     * @param policy the effective policy, or null when none applies
     * @param level where it was attached, or null
     * @param conflicts policies attached at the same level that lost to {@code policy}
     */
    public record Effective<P extends io.meshgate.api.policy.Policy>(@Nullable P policy, @Nullable Level level, List<P> conflicts) {
        public Effective {
            conflicts = List.copyOf(conflicts);
        }
    }

    private final Function<P, List<PolicyTarget>> targets;
    private final List<P> policies;

    /**
     * @param compiler gives each policy's targets
     * @param policies the policies of the compiler's kind, in precedence order for conflicts
     *     (the caller sorts them by {@code namespace/name})
     */
    public PolicyAttachment(PolicyCompiler<P> compiler, List<P> policies) {
        this(Objects.requireNonNull(compiler, "compiler")::targets, policies);
    }

    /**
     * @param targets gives each policy's targets
     * @param policies the policies, in precedence order for conflicts
     */
    public PolicyAttachment(Function<P, List<PolicyTarget>> targets, List<P> policies) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.policies = List.copyOf(policies);
    }

    /** The targets of a policy as written: its targetRefs, in its namespace. */
    public static List<PolicyTarget> targetRefs(io.meshgate.api.policy.Policy policy) {
        return policy.targetRefs().stream()
                .map(t -> new PolicyTarget(t.kind(), policy.namespace(), t.name(), t.sectionName()))
                .toList();
    }

    /** Whether no policy of this kind exists (the common case: skip the search). */
    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** The effective policy for the rule and listener in {@code context}. */
    public Effective<P> resolve(PolicyContext context) {
        Level best = null;
        P winner = null;
        List<P> conflicts = new ArrayList<>();
        for (P policy : policies) {
            Level level = null;
            for (PolicyTarget t : targets.apply(policy)) {
                Level l = levelOf(t, context);
                if (l != null && (level == null || l.compareTo(level) < 0)) {
                    level = l;
                }
            }
            if (level == null) {
                continue;
            }
            if (best == null || level.compareTo(best) < 0) {
                conflicts.clear();
                best = level;
                winner = policy;
            } else if (level == best) {
                conflicts.add(policy);
            }
        }
        return new Effective<>(winner, best, conflicts);
    }

    private static @Nullable Level levelOf(PolicyTarget t, PolicyContext c) {
        if (PolicyTarget.HTTP_ROUTE.equals(t.kind())) {
            if (!t.namespace().equals(c.routeNamespace()) || !t.name().equals(c.routeName())) {
                return null;
            }
            if (t.sectionName() == null) {
                return Level.ROUTE;
            }
            return t.sectionName().equals(c.ruleName()) ? Level.ROUTE_RULE : null;
        }
        if (PolicyTarget.GATEWAY.equals(t.kind())) {
            if (!t.namespace().equals(c.gatewayNamespace()) || !t.name().equals(c.gatewayName())) {
                return null;
            }
            if (t.sectionName() == null) {
                return Level.GATEWAY;
            }
            return t.sectionName().equals(c.listenerName()) ? Level.LISTENER : null;
        }
        return null;
    }
}
