package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a backend (Gateway API {@code BackendObjectReference}). The default kind, a core
 * {@code Service}, resolves to the meshgate {@code Backend} with the same namespace and name (its
 * {@code port} is then ignored); {@code group: meshgate.io, kind: Backend} names a Backend directly.
 *
 * @param group API group, default {@code ""} (core)
 * @param kind kind, default {@code Service}
 * @param name name, required
 * @param namespace namespace; null means the route's. A different namespace needs a ReferenceGrant there,
 *     otherwise the reference resolves to nothing.
 * @param port port of a Service (1..65535), optional; ignored for a Backend
 */
public record BackendObjectReference(String group, String kind, String name, @Nullable String namespace,
                                     @Nullable Integer port) {
    public BackendObjectReference {
        group = Checks.orDefault(group, "");
        kind = Checks.orDefault(kind, "Service");
        name = Checks.requiredText(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        if (port != null) {
            Checks.range(port, 1, 65535, "port");
        }
    }

    /** The referent's namespace given the referring route's namespace. */
    public String namespaceOr(String routeNamespace) {
        return namespace == null ? routeNamespace : namespace;
    }
}
