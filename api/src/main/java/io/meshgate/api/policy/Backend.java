package io.meshgate.api.policy;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code Backend} ({@code meshgate.io/v1alpha1}): a named set of static endpoints for standalone
 * use. A backendRef of the default kind (Service) resolves to the Backend with the same namespace and name.
 *
 * @param metadata name and namespace
 * @param spec endpoints, protocol and TLS, required
 */
public record Backend(ObjectMeta metadata, BackendSpec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "Backend";

    public Backend(@Nullable ObjectMeta metadata, @Nullable BackendSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
