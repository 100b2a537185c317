package io.meshgate.api;

import java.util.Objects;

/**
 * The identity of a resource: at most one resource of a kind has a given namespace and name.
 *
 * @param kind the kind, e.g. {@code HTTPRoute}
 * @param namespace the namespace, empty for cluster-scoped kinds
 * @param name the name
 */
public record ResourceId(String kind, String namespace, String name) implements Comparable<ResourceId> {
    public ResourceId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code namespace/name}, or just {@code name} when cluster-scoped. */
    public String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + '/' + name;
    }

    @Override
    public int compareTo(ResourceId o) {
        int c = kind.compareTo(o.kind);
        if (c == 0) {
            c = namespace.compareTo(o.namespace);
        }
        return c != 0 ? c : name.compareTo(o.name);
    }

    /** {@code Kind namespace/name}, as used in error messages. */
    @Override
    public String toString() {
        return kind + ' ' + qualifiedName();
    }
}
