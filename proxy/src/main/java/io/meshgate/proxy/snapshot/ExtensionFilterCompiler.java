package io.meshgate.proxy.snapshot;

import io.meshgate.api.Resource;
import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.proxy.filter.HttpFilter;
import java.util.List;

/**
 * Turns one kind of meshgate filter resource into filters of the HTTPRoute rules that name it with
 * an {@code ExtensionRef} filter ({@code {group: meshgate.io, kind: <kind>, name: <name>}}, in the
 * route's namespace): the Gateway API's extension point for implementation-specific filters. Each
 * kind is registered by one line in {@link BuiltinExtensionFilters}.
 *
 * <p>The snapshot compiler resolves each ExtensionRef of a rule (and of its backendRefs) to the
 * resource of {@link #resourceType()} with that namespace and name, calls {@link #filters}, and puts
 * the filters in the rule's chain where the ExtensionRef stands (each then sorted into its
 * {@link HttpFilter#phase()}). An ExtensionRef to a kind without a compiler, or to a missing
 * resource, is a config error (the api Validator reports the missing resource).
 *
 * <p>Lifecycle as for {@link PolicyCompiler}: one instance per running gateway, called on every
 * reload from one thread at a time, may keep state across reloads but never in static fields.
 *
 * @param <R> the resource record (from the {@code api} module)
 */
public interface ExtensionFilterCompiler<R extends Resource> {

    /** The resource record class this compiler handles. */
    Class<R> resourceType();

    /**
     * The backends the filters of {@code resource} call themselves (an aggregation's calls), in the
     * route's namespace unless they say otherwise; their clusters are planned with the snapshot and
     * handed out by {@link ExtensionContext#cluster}. Default none.
     */
    default List<BackendObjectReference> backendRefs(R resource) {
        return List.of();
    }

    /**
     * The filters {@code resource} adds to the route rule described by {@code context}.
     *
     * @throws IllegalArgumentException when the resource cannot apply there; the message names the
     *     field and the reason, and the snapshot is rejected with it
     */
    List<HttpFilter> filters(R resource, ExtensionContext context);

    /** Releases what the compiler holds across reloads; called when the gateway stops. */
    default void close() {
    }
}
