package io.meshgate.api.core;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes {@code v1 Namespace}: its labels are what a listener's {@code allowedRoutes.namespaces.selector}
 * matches. A namespace used by resources need not be declared; undeclared namespaces have no labels.
 *
 * @param metadata name (cluster-scoped: no namespace) and labels
 * @param spec accepted and ignored (finalizers)
 */
public record Namespace(ObjectMeta metadata, @Nullable Spec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "Namespace";

    public Namespace(@Nullable ObjectMeta metadata, @Nullable Spec spec) {
        this.metadata = Checks.required(metadata, "metadata").clusterScoped();
        Checks.dnsLabel(this.metadata.name(), "metadata.name");
        this.spec = spec;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * A Namespace {@code spec}.
     *
     * @param finalizers accepted and ignored
     */
    public record Spec(@Nullable List<String> finalizers) {}
}
