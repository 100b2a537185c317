package io.meshgate.proxy.snapshot;

import io.meshgate.api.ConfigError;
import io.meshgate.api.Resource;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.Policy;
import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.route.LocalObjectReference;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import io.meshgate.proxy.upstream.cluster.ClusterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What compiling one snapshot shares across routes: the resources, the attached policies of every
 * kind, the clusters (planned, then prepared in the registry) and the warnings.
 */
final class CompileContext {

    private final ResourceSet resources;
    private final @Nullable TrafficPolicyTranslator translator;
    private final PolicyAttachment<BackendTrafficPolicy> trafficPolicies;
    private final List<Attached<?>> policies = new ArrayList<>();
    private final Map<Class<?>, ExtensionFilterCompiler<?>> extensions = new HashMap<>();
    private final Map<String, ClusterConfig> plannedClusters = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private ClusterRegistry.@Nullable Update clusters;

    /** One policy kind with its compiler and its policies. */
    private record Attached<P extends Policy>(PolicyCompiler<P> compiler, PolicyAttachment<P> attachment) {
        List<HttpFilter> filters(PolicyContext pc, CompileContext ctx) {
            PolicyAttachment.Effective<P> e = attachment.resolve(pc);
            P policy = e.policy();
            if (policy == null) {
                return List.of();
            }
            ctx.conflicts(policy, e.conflicts());
            try {
                return compiler.filters(policy, pc);
            } catch (IllegalArgumentException ex) {
                throw CompileException.inSpec(policy, ex.getMessage());
            }
        }
    }

    CompileContext(ResourceSet resources, List<PolicyCompiler<?>> compilers,
                   List<ExtensionFilterCompiler<?>> extensionCompilers, @Nullable TrafficPolicyTranslator translator) {
        this.resources = resources;
        for (ExtensionFilterCompiler<?> c : extensionCompilers) {
            extensions.put(c.resourceType(), c);
        }
        this.translator = translator;
        this.trafficPolicies = new PolicyAttachment<>(PolicyAttachment::targetRefs,
                sorted(resources.backendTrafficPolicies()));
        for (PolicyCompiler<?> c : compilers) {
            policies.add(attached(c));
        }
    }

    private <P extends Policy> Attached<P> attached(PolicyCompiler<P> compiler) {
        return new Attached<>(compiler, new PolicyAttachment<>(compiler, sorted(resources.all(compiler.policyType()))));
    }

    private static <P extends Policy> List<P> sorted(List<P> policies) {
        List<P> out = new ArrayList<>(policies);
        out.sort(Comparator.comparing(p -> p.id().qualifiedName()));
        return out;
    }

    ResourceSet resources() {
        return resources;
    }

    @Nullable TrafficPolicyTranslator translator() {
        return translator;
    }

    /** The filters of every policy kind effective for {@code pc}, kind by kind in registry order. */
    List<HttpFilter> policyFilters(PolicyContext pc) {
        List<HttpFilter> out = new ArrayList<>();
        for (Attached<?> a : policies) {
            if (!a.attachment().isEmpty()) {
                out.addAll(a.filters(pc, this));
            }
        }
        return out;
    }

    /** The effective BackendTrafficPolicy for {@code pc}, or null. */
    @Nullable BackendTrafficPolicy trafficPolicy(PolicyContext pc) {
        if (trafficPolicies.isEmpty()) {
            return null;
        }
        PolicyAttachment.Effective<BackendTrafficPolicy> e = trafficPolicies.resolve(pc);
        if (e.policy() != null) {
            conflicts(e.policy(), e.conflicts());
        }
        return e.policy();
    }

    /** Runs a translation of {@code policy}, turning a rejection into an error on the policy. */
    <T> T translated(BackendTrafficPolicy policy, Supplier<T> translation) {
        try {
            return translation.get();
        } catch (IllegalArgumentException e) {
            throw CompileException.inSpec(policy, e.getMessage());
        }
    }

    /** Plans the cluster a backend reference needs; returns its name, or null when it resolves to nothing. */
    @Nullable String planCluster(HttpRoute route, BackendObjectReference ref, @Nullable BackendTrafficPolicy btp) {
        Backend backend = resources.resolveBackend(route, ref).orElse(null);
        if (backend == null) {
            return null;
        }
        String name = clusterName(backend, btp);
        if (!plannedClusters.containsKey(name)) {
            ClusterConfig base;
            try {
                base = BackendClusters.of(backend);
            } catch (IllegalArgumentException e) {
                throw new CompileException(backend, "spec", String.valueOf(e.getMessage()));
            }
            ClusterConfig config = btp == null || translator == null ? base
                    : translated(btp, () -> translator.cluster(base, name, btp));
            plannedClusters.put(name, config);
        }
        return name;
    }

    private String clusterName(Backend backend, @Nullable BackendTrafficPolicy btp) {
        String base = BackendClusters.name(backend);
        return btp == null || translator == null ? base : base + "@" + btp.id().qualifiedName();
    }

    /** The clusters planned so far. */
    List<ClusterConfig> plannedClusters() {
        return List.copyOf(plannedClusters.values());
    }

    /** Sets the prepared clusters that {@link #cluster} hands out. */
    void clusters(ClusterRegistry.Update update) {
        this.clusters = update;
    }

    /** The prepared cluster of a backend reference, or null when it resolves to nothing (requests get 500). */
    @Nullable Cluster cluster(HttpRoute route, BackendObjectReference ref, @Nullable BackendTrafficPolicy btp) {
        Backend backend = resources.resolveBackend(route, ref).orElse(null);
        if (backend == null || clusters == null) {
            return null;
        }
        return clusters.cluster(clusterName(backend, btp));
    }

    /** The resource an ExtensionRef of {@code route} names, or null when there is none. */
    private @Nullable Resource extension(HttpRoute route, LocalObjectReference ref) {
        for (Resource r : resources.all()) {
            if (r.kind().equals(ref.kind()) && r.namespace().equals(route.namespace()) && r.name().equals(ref.name())
                    && resources.apiVersionOf(r).startsWith(ref.group() + "/")) {
                return r;
            }
        }
        return null;
    }

    /** Plans the clusters of the backends an ExtensionRef filter of {@code route} calls itself. */
    void planExtensionClusters(HttpRoute route, LocalObjectReference ref, @Nullable BackendTrafficPolicy btp) {
        Resource r = extension(route, ref);
        ExtensionFilterCompiler<?> c = r == null ? null : extensions.get(r.getClass());
        if (c != null) {
            for (BackendObjectReference b : backendRefs(c, r)) {
                planCluster(route, b, btp);
            }
        }
    }

    /**
     * The filters of an ExtensionRef of {@code route}, or null when no compiler handles its kind
     * (the caller then answers its requests with an error, as the Gateway API requires).
     *
     * @throws IllegalArgumentException when the compiler refuses the resource (field and reason)
     */
    @Nullable List<HttpFilter> extensionFilters(HttpRoute route, LocalObjectReference ref, PolicyContext pc,
                                                @Nullable BackendTrafficPolicy btp) {
        Resource r = extension(route, ref);
        ExtensionFilterCompiler<?> c = r == null ? null : extensions.get(r.getClass());
        if (c == null) {
            return null;
        }
        return filters(c, r, new ExtensionContext(pc, b -> cluster(route, b, btp)));
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource> List<BackendObjectReference> backendRefs(ExtensionFilterCompiler<R> c,
                                                                               Resource r) {
        return c.backendRefs((R) r);
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource> List<HttpFilter> filters(ExtensionFilterCompiler<R> c, Resource r,
                                                                 ExtensionContext ec) {
        return c.filters((R) r, ec);
    }

    void warn(Resource resource, String field, String reason) {
        warnings.add(ConfigError.of(resources.sourceOf(resource), resource.id(), field, reason).toString());
    }

    private void conflicts(Policy winner, List<? extends Policy> losers) {
        for (Policy p : losers) {
            warn(p, "spec.targetRefs", "conflicts with " + winner.kind() + " " + winner.id().qualifiedName()
                    + ", which targets the same object and wins (alphabetical order); this one is ignored there");
        }
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
