package io.meshgate.api.transform;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code TransformFilter} ({@code meshgate.io/v1alpha1}): changes to a route's requests
 * and responses beyond the Gateway API's built-in filters. An HTTPRoute rule uses it the Gateway API
 * way, as an {@code ExtensionRef} filter in the same namespace:
 *
 * <pre>{@code
 * filters:
 *   - type: ExtensionRef
 *     extensionRef: {group: meshgate.io, kind: TransformFilter, name: account-page}
 * }</pre>
 *
 * @param metadata name and namespace
 * @param spec what the filter does, required
 */
public record TransformFilter(ObjectMeta metadata, TransformFilterSpec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "TransformFilter";

    public TransformFilter(@Nullable ObjectMeta metadata, @Nullable TransformFilterSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
