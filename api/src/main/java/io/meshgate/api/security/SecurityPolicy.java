package io.meshgate.api.security;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.SpecPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code SecurityPolicy} ({@code meshgate.io/v1alpha1}), shaped like Envoy Gateway's: who may
 * call the routes it targets and from where (API keys, JWT, basic auth, client certificates, external
 * authorization, authorization rules, CORS). A policy on an HTTPRoute (or one of its rules) replaces, for
 * that route, a policy on its Gateway; blocks are not merged. See docs/security.md.
 *
 * @param metadata name and namespace (targets and Consumers are in the same namespace)
 * @param spec targets and settings, required
 */
public record SecurityPolicy(ObjectMeta metadata, SecurityPolicySpec spec) implements SpecPolicy<SecurityPolicySpec> {
    /** The kind as written in YAML. */
    public static final String KIND = "SecurityPolicy";

    public SecurityPolicy(@Nullable ObjectMeta metadata, @Nullable SecurityPolicySpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
