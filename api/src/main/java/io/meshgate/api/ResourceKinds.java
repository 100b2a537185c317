package io.meshgate.api;

import io.meshgate.api.apimgmt.ApiDocs;
import io.meshgate.api.apimgmt.RequestValidation;
import io.meshgate.api.apimgmt.ResponseCache;
import io.meshgate.api.core.Namespace;
import io.meshgate.api.core.Secret;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.GatewayClass;
import io.meshgate.api.gateway.ReferenceGrant;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.ClientTrafficPolicy;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.security.Consumer;
import io.meshgate.api.security.SecurityPolicy;
import io.meshgate.api.transform.TransformFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The registry of kinds the loader accepts: {@code apiVersion} group + kind to record class. To add a kind,
 * add one line to {@link #BUILTIN}.
 */
public final class ResourceKinds {

    /** The Gateway API group. */
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    /** meshgate's own group. */
    public static final String MESHGATE_GROUP = "meshgate.io";

    private static final List<String> V1 = List.of("v1");
    private static final List<String> GW_VERSIONS = List.of("v1", "v1beta1");
    private static final List<String> MG_VERSIONS = List.of("v1alpha1");
    private static final String NOT_YET = " is not implemented yet; ignored";

    /** Every built-in kind. */
    public static final List<ResourceKind> BUILTIN = List.of(
            ResourceKind.namespaced(GATEWAY_GROUP, GW_VERSIONS, Gateway.KIND, Gateway.class),
            ResourceKind.namespaced(GATEWAY_GROUP, GW_VERSIONS, HttpRoute.KIND, HttpRoute.class),
            ResourceKind.namespaced(GATEWAY_GROUP, List.of("v1beta1", "v1", "v1alpha2"), ReferenceGrant.KIND,
                    ReferenceGrant.class),
            new ResourceKind(GATEWAY_GROUP, GW_VERSIONS, GatewayClass.KIND, GatewayClass.class, true,
                    "GatewayClass is accepted but not used: meshgate serves every Gateway whatever its gatewayClassName"),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1", "v1alpha2"), "GRPCRoute", "GRPCRoute" + NOT_YET
                    + " (gRPC works through an HTTPRoute)"),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1alpha2", "v1alpha3", "v1"), "TLSRoute", "TLSRoute" + NOT_YET),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1alpha2"), "TCPRoute", "TCPRoute" + NOT_YET),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1alpha2"), "UDPRoute", "UDPRoute" + NOT_YET),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1alpha3", "v1"), "BackendTLSPolicy", "BackendTLSPolicy" + NOT_YET
                    + " (use Backend spec.tls)"),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1alpha2"), "BackendLBPolicy", "BackendLBPolicy" + NOT_YET),
            ResourceKind.ignored(GATEWAY_GROUP, List.of("v1alpha1"), "ListenerSet", "ListenerSet" + NOT_YET),
            ResourceKind.namespaced("", V1, Secret.KIND, Secret.class),
            new ResourceKind("", V1, Namespace.KIND, Namespace.class, true, null),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, Backend.KIND, Backend.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, BackendTrafficPolicy.KIND, BackendTrafficPolicy.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, ClientTrafficPolicy.KIND, ClientTrafficPolicy.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, RequestValidation.KIND, RequestValidation.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, ApiDocs.KIND, ApiDocs.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, ResponseCache.KIND, ResponseCache.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, SecurityPolicy.KIND, SecurityPolicy.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, Consumer.KIND, Consumer.class),
            ResourceKind.namespaced(MESHGATE_GROUP, MG_VERSIONS, TransformFilter.KIND, TransformFilter.class));

    private final Map<String, Map<String, ResourceKind>> byGroup = new LinkedHashMap<>();
    private final Map<Class<?>, ResourceKind> byType = new LinkedHashMap<>();

    private ResourceKinds(List<ResourceKind> kinds) {
        for (ResourceKind k : kinds) {
            ResourceKind previous = byGroup.computeIfAbsent(k.group(), g -> new LinkedHashMap<>()).put(k.kind(), k);
            if (previous != null) {
                throw new IllegalArgumentException("kind registered twice: " + k.group() + " " + k.kind());
            }
            if (k.type() != null) {
                byType.put(k.type(), k);
            }
        }
    }

    /** The built-in kinds. */
    public static ResourceKinds builtin() {
        return new ResourceKinds(BUILTIN);
    }

    /** The built-in kinds plus {@code extra} (for kinds defined outside this module, and tests). */
    public static ResourceKinds with(List<ResourceKind> extra) {
        List<ResourceKind> all = new ArrayList<>(BUILTIN);
        all.addAll(extra);
        return new ResourceKinds(all);
    }

    /** The kind of an {@code apiVersion} group and kind, or null. */
    public @Nullable ResourceKind find(String group, String kind) {
        Map<String, ResourceKind> kinds = byGroup.get(group);
        return kinds == null ? null : kinds.get(kind);
    }

    /** The kind a record class is registered as, or null. */
    public @Nullable ResourceKind of(Class<?> type) {
        return byType.get(type);
    }

    /** The kind of a resource. */
    public ResourceKind of(Resource resource) {
        ResourceKind k = byType.get(resource.getClass());
        if (k == null) {
            throw new IllegalArgumentException("unregistered resource class: " + resource.getClass().getName());
        }
        return k;
    }

    /** Whether the group is known. */
    public boolean hasGroup(String group) {
        return byGroup.containsKey(group);
    }

    /** The kinds of a group, sorted, for error messages. */
    public List<String> kindsOf(String group) {
        Map<String, ResourceKind> kinds = byGroup.get(group);
        return kinds == null ? List.of() : List.copyOf(new TreeSet<>(kinds.keySet()));
    }

    /** Every registered kind. */
    public List<ResourceKind> all() {
        List<ResourceKind> all = new ArrayList<>();
        byGroup.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** Every known apiVersion, sorted, for error messages. */
    public List<String> apiVersions() {
        TreeSet<String> out = new TreeSet<>();
        for (ResourceKind k : all()) {
            k.versions().forEach(v -> out.add(k.apiVersion(v)));
        }
        return List.copyOf(out);
    }
}
