package io.meshgate.api.policy;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.internal.Checks;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code ClientTrafficPolicy} ({@code meshgate.io/v1alpha1}, shaped like Envoy Gateway's where the
 * same field exists): limits, timeouts and client IP detection of a Gateway's listeners.
 *
 * @param metadata name and namespace (targets are in the same namespace)
 * @param spec targets and settings, required
 */
public record ClientTrafficPolicy(ObjectMeta metadata, ClientTrafficPolicySpec spec)
        implements SpecPolicy<ClientTrafficPolicySpec> {
    /** The kind as written in YAML. */
    public static final String KIND = "ClientTrafficPolicy";

    public ClientTrafficPolicy(@Nullable ObjectMeta metadata, @Nullable ClientTrafficPolicySpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Set<String> targetKinds() {
        return Set.of(Gateway.KIND);
    }
}
