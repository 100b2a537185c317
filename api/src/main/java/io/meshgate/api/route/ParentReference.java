package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Where a route attaches ({@code spec.parentRefs} entry): a Gateway, optionally one of its listeners.
 *
 * @param group API group of the parent, default {@code gateway.networking.k8s.io}
 * @param kind kind of the parent, default {@code Gateway}
 * @param namespace namespace of the parent; null means the route's namespace (the listener's
 *     allowedRoutes must then admit the route's namespace)
 * @param name name of the parent, required
 * @param sectionName the listener's name; null attaches to every listener that admits the route
 * @param port the listener's port; null attaches regardless of port
 */
public record ParentReference(String group, String kind, @Nullable String namespace, String name,
                              @Nullable String sectionName, @Nullable Integer port) {
    /** The Gateway API group. */
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    public ParentReference {
        group = Checks.orDefault(group, GATEWAY_GROUP);
        kind = Checks.orDefault(kind, "Gateway");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        name = Checks.requiredText(name, "name");
        sectionName = sectionName == null || sectionName.isEmpty() ? null : sectionName;
        if (port != null) {
            Checks.range(port, 1, 65535, "port");
        }
    }

    /** The parent's namespace given the route's namespace. */
    public String namespaceOr(String routeNamespace) {
        return namespace == null ? routeNamespace : namespace;
    }

    /** Whether this refers to a Gateway. */
    public boolean isGateway() {
        return GATEWAY_GROUP.equals(group) && "Gateway".equals(kind);
    }
}
