package io.meshgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.api.core.Namespace;
import io.meshgate.api.core.Secret;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.GatewayClass;
import io.meshgate.api.gateway.ReferenceGrant;
import io.meshgate.api.internal.Json;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.ClientTrafficPolicy;
import io.meshgate.api.policy.Policy;
import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.api.route.HttpRoute;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of resources, each with its source: what one proxy is configured with. At most one
 * resource has a given {@link ResourceId}. Iteration order is load order (files sorted by name, then
 * documents in order).
 */
public final class ResourceSet {

    private static final ResourceSet EMPTY = new ResourceSet(new LinkedHashMap<>());
    private static final ResourceKinds KINDS = ResourceKinds.builtin();

    /** A resource, where it came from and the apiVersion it was written with. */
    private record Entry(Resource resource, Source source, String apiVersion) {}

    private final Map<ResourceId, Entry> entries;
    private final List<Resource> all;
    /** Lists by class, filled on first use: a cache of {@link #all(Class)}, which the compilers call often. */
    private final Map<Class<?>, List<?>> byType = new ConcurrentHashMap<>();

    private ResourceSet(LinkedHashMap<ResourceId, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
        this.all = entries.values().stream().map(Entry::resource).toList();
    }

    /** The empty set. */
    public static ResourceSet empty() {
        return EMPTY;
    }

    /** A builder; {@link Builder#add} rejects duplicate ids. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every resource in load order. */
    public List<Resource> all() {
        return all;
    }

    /** Number of resources. */
    public int size() {
        return all.size();
    }

    /** Every resource of a class (or implementing an interface such as {@link Policy}), in load order. */
    @SuppressWarnings("unchecked")
    public <T> List<T> all(Class<T> type) {
        return (List<T>) byType.computeIfAbsent(type, t -> {
            List<Object> out = new ArrayList<>();
            for (Resource r : all) {
                if (t.isInstance(r)) {
                    out.add(r);
                }
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** The Gateways. */
    public List<Gateway> gateways() {
        return all(Gateway.class);
    }

    /** The GatewayClasses (loaded but not used). */
    public List<GatewayClass> gatewayClasses() {
        return all(GatewayClass.class);
    }

    /** The HTTPRoutes. */
    public List<HttpRoute> httpRoutes() {
        return all(HttpRoute.class);
    }

    /** The Backends. */
    public List<Backend> backends() {
        return all(Backend.class);
    }

    /** The Secrets. */
    public List<Secret> secrets() {
        return all(Secret.class);
    }

    /** The Namespaces. */
    public List<Namespace> namespaces() {
        return all(Namespace.class);
    }

    /** The ReferenceGrants. */
    public List<ReferenceGrant> referenceGrants() {
        return all(ReferenceGrant.class);
    }

    /** The BackendTrafficPolicies. */
    public List<BackendTrafficPolicy> backendTrafficPolicies() {
        return all(BackendTrafficPolicy.class);
    }

    /** The ClientTrafficPolicies. */
    public List<ClientTrafficPolicy> clientTrafficPolicies() {
        return all(ClientTrafficPolicy.class);
    }

    /** The policies of a kind, e.g. {@code policies(BackendTrafficPolicy.class)}. */
    public <T extends Policy> List<T> policies(Class<T> type) {
        return all(type);
    }

    /** Every policy of {@code type} in {@code namespace} with a targetRef to {@code kind/name}. */
    public <T extends Policy> List<T> policiesTargeting(Class<T> type, String kind, String namespace, String name) {
        List<T> out = new ArrayList<>();
        for (T p : all(type)) {
            if (p.namespace().equals(namespace)
                && p.targetRefs().stream().anyMatch(t -> t.kind().equals(kind) && t.name().equals(name))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The resource with this id. */
    public Optional<Resource> find(ResourceId id) {
        Entry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.of(e.resource());
    }

    /** The resource of a kind with this namespace and name (namespace is ignored for cluster-scoped kinds). */
    public <T extends Resource> Optional<T> find(Class<T> type, String namespace, String name) {
        ResourceKind kind = KINDS.of(type);
        if (kind != null) {
            return find(new ResourceId(kind.kind(), kind.clusterScoped() ? "" : namespace, name))
                    .filter(type::isInstance).map(type::cast);
        }
        for (Resource r : all) {
            if (type.isInstance(r) && r.name().equals(name) && (r.namespace().isEmpty() || r.namespace().equals(namespace))) {
                return Optional.of(type.cast(r));
            }
        }
        return Optional.empty();
    }

    /** The Gateway {@code namespace/name}. */
    public Optional<Gateway> gateway(String namespace, String name) {
        return find(new ResourceId(Gateway.KIND, namespace, name)).map(Gateway.class::cast);
    }

    /** The HTTPRoute {@code namespace/name}. */
    public Optional<HttpRoute> httpRoute(String namespace, String name) {
        return find(new ResourceId(HttpRoute.KIND, namespace, name)).map(HttpRoute.class::cast);
    }

    /** The Backend {@code namespace/name}. */
    public Optional<Backend> backend(String namespace, String name) {
        return find(new ResourceId(Backend.KIND, namespace, name)).map(Backend.class::cast);
    }

    /** The Secret {@code namespace/name}. */
    public Optional<Secret> secret(String namespace, String name) {
        return find(new ResourceId(Secret.KIND, namespace, name)).map(Secret.class::cast);
    }

    /** The labels of a namespace: those of its Namespace resource, or none when it is not declared. */
    public Map<String, String> namespaceLabels(String namespace) {
        return find(new ResourceId(Namespace.KIND, "", namespace))
                .map(r -> r.metadata().labels()).orElse(Map.of());
    }

    /** Where a resource of this set came from ({@link Source#unknown()} when it is not in the set). */
    public Source sourceOf(Resource resource) {
        return sourceOf(resource.id());
    }

    /** Where the resource with this id came from ({@link Source#unknown()} when it is not in the set). */
    public Source sourceOf(ResourceId id) {
        Entry e = entries.get(id);
        return e == null ? Source.unknown() : e.source();
    }

    /** The apiVersion a resource was written with, or empty when it is not in the set. */
    public String apiVersionOf(Resource resource) {
        Entry e = entries.get(resource.id());
        return e == null ? "" : e.apiVersion();
    }

    /**
     * Whether a ReferenceGrant in {@code toNamespace} lets {@code fromGroup/fromKind} resources in
     * {@code fromNamespace} refer to {@code toGroup/toKind} {@code toName}. References within a namespace
     * need no grant.
     */
    public boolean referencePermitted(String fromGroup, String fromKind, String fromNamespace,
                                      String toGroup, String toKind, String toNamespace, String toName) {
        if (fromNamespace.equals(toNamespace)) {
            return true;
        }
        for (ReferenceGrant g : referenceGrants()) {
            if (g.namespace().equals(toNamespace)
                && g.permits(fromGroup, fromKind, fromNamespace, toGroup, toKind, toName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Backend a route's backendRef (or mirror backendRef) resolves to, or empty when it resolves to nothing
     * (requests it would get are answered 500): the kind is core Service or {@code meshgate.io} Backend, the
     * Backend exists, and a cross-namespace reference is permitted by a ReferenceGrant.
     */
    public Optional<Backend> resolveBackend(HttpRoute route, BackendObjectReference ref) {
        boolean service = ref.group().isEmpty() && ref.kind().equals("Service");
        boolean backend = ref.group().equals(ResourceKinds.MESHGATE_GROUP) && ref.kind().equals(Backend.KIND);
        if (!service && !backend) {
            return Optional.empty();
        }
        String ns = ref.namespaceOr(route.namespace());
        if (!referencePermitted(ResourceKinds.GATEWAY_GROUP, HttpRoute.KIND, route.namespace(),
                ref.group(), ref.kind(), ns, ref.name())) {
            return Optional.empty();
        }
        return backend(ns, ref.name());
    }

    /**
     * The resources as a Kubernetes-style {@code v1 List} in JSON, with defaults filled in, for the admin
     * {@code /config} endpoint. Secret values are replaced by {@code <redacted N bytes>}.
     */
    public String toJson() {
        return toJson(false);
    }

    /**
     * The resources as a {@code v1 List} in JSON that {@link ConfigLoader} reads back to an equal set; with
     * {@code includeSecretValues} false, Secret values are redacted (and the result no longer loads).
     * The control plane uses this to send resources to proxies.
     */
    public String toJson(boolean includeSecretValues) {
        ObjectMapper m = Json.json();
        ObjectNode list = m.createObjectNode();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        ArrayNode items = list.putArray("items");
        for (Entry e : entries.values()) {
            ObjectNode item = items.addObject();
            item.put("apiVersion", e.apiVersion());
            item.put("kind", e.resource().kind());
            item.setAll((ObjectNode) m.valueToTree(e.resource()));
            if (!includeSecretValues && e.resource() instanceof Secret s) {
                redact(item, s);
            }
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(list);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void redact(ObjectNode item, Secret s) {
        item.remove("stringData");
        ObjectNode data = item.putObject("data");
        for (String key : new TreeSet<>(concat(s.data().keySet(), s.stringData().keySet()))) {
            String v = s.value(key);
            data.put(key, "<redacted " + (v == null ? 0 : v.length()) + " bytes>");
        }
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * What changed from {@code previous} to this set, by id: resources added, removed, and changed (not equal).
     * Resources are records, so equal content means unchanged whatever file it moved to.
     */
    public ResourceDiff diff(ResourceSet previous) {
        Set<ResourceId> added = new TreeSet<>();
        Set<ResourceId> changed = new TreeSet<>();
        Set<ResourceId> removed = new TreeSet<>();
        for (Map.Entry<ResourceId, Entry> e : entries.entrySet()) {
            Entry old = previous.entries.get(e.getKey());
            if (old == null) {
                added.add(e.getKey());
            } else if (!old.resource().equals(e.getValue().resource())) {
                changed.add(e.getKey());
            }
        }
        for (ResourceId id : previous.entries.keySet()) {
            if (!entries.containsKey(id)) {
                removed.add(id);
            }
        }
        return new ResourceDiff(added, changed, removed);
    }

    /** Builds a {@link ResourceSet}. */
    public static final class Builder {
        private final LinkedHashMap<ResourceId, Entry> entries = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a resource, or returns the source of the resource already added with the same id (and adds nothing).
         */
        public Optional<Source> add(Resource resource, Source source, String apiVersion) {
            Objects.requireNonNull(resource, "resource");
            Entry previous = entries.get(resource.id());
            if (previous != null) {
                return Optional.of(previous.source());
            }
            entries.put(resource.id(), new Entry(resource, source, apiVersion));
            return Optional.empty();
        }

        /** Adds a resource built in code, with the preferred apiVersion of its kind. */
        public Builder add(Resource resource) {
            ResourceKind kind = KINDS.of(resource.getClass());
            add(resource, Source.unknown(), kind == null ? "" : kind.apiVersion());
            return this;
        }

        /** The set. */
        public ResourceSet build() {
            return entries.isEmpty() ? EMPTY : new ResourceSet(new LinkedHashMap<>(entries));
        }
    }
}
