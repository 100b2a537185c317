package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One backend of a rule ({@code backendRefs} entry): a {@link BackendObjectReference} plus a weight and filters.
 * A reference that resolves to nothing is not an error: requests it would get are answered 500.
 *
 * @param group API group, default {@code ""} (core)
 * @param kind kind, default {@code Service} (resolves to the Backend of the same name)
 * @param name name, required
 * @param namespace namespace; null means the route's (another namespace needs a ReferenceGrant)
 * @param port Service port (1..65535), optional; ignored for a Backend
 * @param weight share of the rule's traffic relative to the other backendRefs, default 1 (0..1000000; 0 takes none)
 * @param filters filters applied only for this backend, default none
 */
public record HttpBackendRef(String group, String kind, String name, @Nullable String namespace,
                             @Nullable Integer port, Integer weight, List<HttpRouteFilter> filters) {
    public HttpBackendRef(@Nullable String group, @Nullable String kind, @Nullable String name,
                          @Nullable String namespace, @Nullable Integer port, @Nullable Integer weight,
                          @Nullable List<HttpRouteFilter> filters) {
        BackendObjectReference ref = new BackendObjectReference(group, kind, name, namespace, port);
        this.group = ref.group();
        this.kind = ref.kind();
        this.name = ref.name();
        this.namespace = ref.namespace();
        this.port = ref.port();
        this.weight = Checks.range(Checks.orDefault(weight, 1), 0, 1_000_000, "weight");
        this.filters = Checks.list(filters, "filters");
    }

    /** The reference without weight and filters. */
    public BackendObjectReference ref() {
        return new BackendObjectReference(group, kind, name, namespace, port);
    }
}
