package io.meshgate.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One configuration resource: a Gateway API kind, a Kubernetes core kind or a meshgate kind.
 * Implementations are immutable records registered in {@link ResourceKinds}.
 */
public interface Resource {

    /** The resource's metadata (name, namespace, labels). */
    ObjectMeta metadata();

    /** The kind as written in YAML, e.g. {@code HTTPRoute}. */
    @JsonIgnore
    String kind();

    /** Shorthand for {@code metadata().name()}. */
    @JsonIgnore
    default String name() {
        return metadata().name();
    }

    /** Shorthand for {@code metadata().namespace()}; empty for cluster-scoped kinds. */
    @JsonIgnore
    default String namespace() {
        return metadata().namespace();
    }

    /** The identity of this resource: kind, namespace and name. */
    @JsonIgnore
    default ResourceId id() {
        return new ResourceId(kind(), namespace(), name());
    }
}
