package io.meshgate.api.policy;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code BackendTrafficPolicy} ({@code meshgate.io/v1alpha1}, shaped like Envoy Gateway's): how
 * the gateway talks to the backends of the routes it targets. A policy on an HTTPRoute (or one of its rules)
 * replaces, for that route, a policy on its Gateway; blocks are not merged.
 *
 * @param metadata name and namespace (targets are in the same namespace)
 * @param spec targets and settings, required
 */
public record BackendTrafficPolicy(ObjectMeta metadata, BackendTrafficPolicySpec spec)
        implements SpecPolicy<BackendTrafficPolicySpec> {
    /** The kind as written in YAML. */
    public static final String KIND = "BackendTrafficPolicy";

    public BackendTrafficPolicy(@Nullable ObjectMeta metadata, @Nullable BackendTrafficPolicySpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
