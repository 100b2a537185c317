package io.meshgate.proxy.snapshot;

import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.proxy.upstream.Cluster;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ExtensionFilterCompiler} gets besides its resource: the route rule the filters
 * will run on, and the clusters of the backends it declared in
 * {@link ExtensionFilterCompiler#backendRefs} (resolved like the rule's own backendRefs).
 *
 * @param route the route rule, as for policies
 * @param clusters the prepared cluster of a backend reference, or null when it resolves to no Backend
 */
public record ExtensionContext(PolicyContext route, Function<BackendObjectReference, @Nullable Cluster> clusters) {
    public ExtensionContext {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(clusters, "clusters");
    }

    /** The cluster of {@code ref}, or null when it resolves to no Backend. */
    public @Nullable Cluster cluster(BackendObjectReference ref) {
        return clusters.apply(ref);
    }
}
