package io.meshgate.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One kind the loader knows: its API group, the versions accepted, and the record it loads into.
 *
 * @param group API group, {@code ""} for the Kubernetes core group ({@code apiVersion: v1})
 * @param versions accepted versions, e.g. {@code [v1, v1beta1]}
 * @param kind the kind as written in YAML
 * @param type the record class, or null for a kind that is recognised but not implemented (it loads with a
 *     warning and is left out of the {@link ResourceSet})
 * @param clusterScoped whether the kind has no namespace
 * @param loadWarning a warning given for every resource of this kind, or null
 */
public record ResourceKind(String group, List<String> versions, String kind, @Nullable Class<? extends Resource> type,
                           boolean clusterScoped, @Nullable String loadWarning) {
    public ResourceKind {
        Objects.requireNonNull(group, "group");
        versions = List.copyOf(versions);
        Objects.requireNonNull(kind, "kind");
    }

    /** A namespaced kind loaded into {@code type}. */
    public static ResourceKind namespaced(String group, List<String> versions, String kind,
                                          Class<? extends Resource> type) {
        return new ResourceKind(group, versions, kind, type, false, null);
    }

    /** A kind that loads with a warning and is ignored. */
    public static ResourceKind ignored(String group, List<String> versions, String kind, String warning) {
        return new ResourceKind(group, versions, kind, null, false, warning);
    }

    /** The {@code apiVersion} of a version of this kind, e.g. {@code gateway.networking.k8s.io/v1} or {@code v1}. */
    public String apiVersion(String version) {
        return group.isEmpty() ? version : group + '/' + version;
    }

    /** The preferred {@code apiVersion} (the first version). */
    public String apiVersion() {
        return apiVersion(versions.get(0));
    }
}
