package io.meshgate.api.apimgmt;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.SpecPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code ResponseCache} ({@code meshgate.io/v1alpha1}): a shared HTTP cache (RFC 9111) for GET and HEAD on
 * the HTTPRoutes (or Gateways) it targets, bounded in bytes. Every rule it applies to uses the same
 * memory; keys include the route rule, so rules never share entries.
 *
 * @param metadata name and namespace (targets are in the same namespace)
 * @param spec targets and settings, required
 */
public record ResponseCache(ObjectMeta metadata, ResponseCacheSpec spec) implements SpecPolicy<ResponseCacheSpec> {
    /** The kind as written in YAML. */
    public static final String KIND = "ResponseCache";

    public ResponseCache(@Nullable ObjectMeta metadata, @Nullable ResponseCacheSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
