package io.meshgate.proxy.snapshot;

import io.meshgate.api.ConfigError;
import io.meshgate.api.Resource;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.RouteAttachment;
import io.meshgate.api.RouteBinder;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.Policy;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.route.HttpRouteFilter;
import io.meshgate.api.route.HttpRouteFilterType;
import io.meshgate.api.route.HttpRouteRule;
import io.meshgate.proxy.route.DefaultRouteTable;
import io.meshgate.proxy.route.RouteEntry;
import io.meshgate.proxy.upstream.cluster.ClusterRegistry;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The only class that knows both the {@code api} resources and the runtime types: compiles a
 * validated {@link ResourceSet} into a {@link ProxySnapshot}.
 *
 * <p>Listeners of every Gateway are merged per address and port; HTTPRoutes attach to them by the
 * Gateway API rules ({@link RouteBinder}); each rule match becomes a route-table entry whose filter
 * chain holds the effective policies' filters ({@link PolicyCompiler}s) then the rule's own. Each
 * (Backend, effective BackendTrafficPolicy) pair becomes one cluster, taken from the
 * {@link ClusterRegistry}, which hands back the same instance when its config did not change.
 *
 * <p>Compiling does not change what runs: the result's {@link Result.Compiled#clusters()} update
 * must be committed once the snapshot is swapped in (or aborted). One compile at a time.
 */
public final class SnapshotCompiler {

    /** What a compile produced. */
    public sealed interface Result permits Result.Compiled, Result.Rejected {

        /**
         * A snapshot ready to swap in.
         *
         * @param snapshot the snapshot
         * @param clusters commit after the swap (starts new clusters, closes retired ones), or abort
         * @param warnings what the user should know (policy conflicts, dropped mirrors), formatted like errors
         */
        record Compiled(ProxySnapshot snapshot, ClusterRegistry.Update clusters, List<String> warnings)
                implements Result { }

        /**
         * The resources cannot run.
         *
         * @param errors every problem found, each naming the file, the resource, the field and the reason
         */
        record Rejected(List<ConfigError> errors) implements Result { }
    }

    private final ClusterRegistry clusters;
    private final List<PolicyCompiler<?>> policies;
    private final List<ExtensionFilterCompiler<?>> extensions;
    private final @Nullable TrafficPolicyTranslator translator;
    private final ServerTlsFactory tlsFactory;
    private Map<?, SslContext> tlsCache = Map.of();
    /** Every resource but the HTTPRoutes, as of the last snapshot compiled. */
    private List<Resource> previousContext = List.of();
    /** What policies were built from besides their resources (PolicyCompiler#inputs), as of the last snapshot. */
    private List<Object> previousInputs = List.of();
    /** The entries of each route attachment of the last snapshot compiled. */
    private Map<RouteKey, List<RouteEntry>> previousRoutes = Map.of();
    /** The route table of each {@code address:port} of the last snapshot compiled. */
    private Map<String, DefaultRouteTable> previousTables = Map.of();

    /**
     * One HTTPRoute as attached to one listener. When it and everything else but the other routes
     * are unchanged, its compiled entries are too: a reload that edits one route of many compiles
     * that route only.
     */
    private record RouteKey(HttpRoute route, int parentRefIndex, String gateway, String listener,
                            List<String> hostnames) {
        static RouteKey of(RouteAttachment a) {
            return new RouteKey(a.route(), a.parentRefIndex(), a.gateway().id().qualifiedName(), a.listener().name(),
                    a.hostnames());
        }
    }

    /**
     * Creates a compiler.
     *
     * @param clusters where clusters live across snapshots
     * @param policies the policy kinds ({@link BuiltinPolicies#create})
     * @param translator how a BackendTrafficPolicy changes clusters, retries and timeouts; null when
     *     the build has none (policies are then reported as not applied)
     * @param tlsFactory builds listener TLS contexts
     */
    public SnapshotCompiler(ClusterRegistry clusters, List<PolicyCompiler<?>> policies,
                            @Nullable TrafficPolicyTranslator translator, ServerTlsFactory tlsFactory) {
        this(clusters, policies, List.of(), translator, tlsFactory);
    }

    /**
     * Creates a compiler that also runs ExtensionRef filters.
     *
     * @param extensions the ExtensionRef filter kinds ({@link BuiltinExtensionFilters#create}); an
     *     ExtensionRef to any other kind answers its requests with 500
     */
    public SnapshotCompiler(ClusterRegistry clusters, List<PolicyCompiler<?>> policies,
                            List<ExtensionFilterCompiler<?>> extensions,
                            @Nullable TrafficPolicyTranslator translator, ServerTlsFactory tlsFactory) {
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.policies = List.copyOf(policies);
        this.extensions = List.copyOf(extensions);
        this.translator = translator;
        this.tlsFactory = Objects.requireNonNull(tlsFactory, "tlsFactory");
    }

    /** Compiles {@code resources} (already validated by the loader) as snapshot {@code version}. */
    public synchronized Result compile(ResourceSet resources, long version) {
        CompileContext ctx = new CompileContext(resources, policies, extensions, translator);
        List<ConfigError> errors = new ArrayList<>();
        List<RouteAttachment> attachments = new RouteBinder(resources).attachments();
        if (translator == null) {
            for (BackendTrafficPolicy p : resources.backendTrafficPolicies()) {
                ctx.warn(p, "spec", "load balancing, retries, timeouts, circuit breaking and health checks are not"
                        + " applied by this build");
            }
        }
        for (RouteAttachment a : attachments) {
            guarded(resources, a.route(), errors, () -> planClusters(ctx, a));
        }
        ClusterRegistry.Update update;
        try {
            update = clusters.prepare(ctx.plannedClusters());
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError("", "", "", "clusters: " + e.getMessage()));
            return new Result.Rejected(errors);
        }
        ctx.clusters(update);
        Map<String, List<RouteEntry>> entriesByPort = new LinkedHashMap<>();
        RouteCompiler routeCompiler = new RouteCompiler(ctx);
        List<Resource> context = resources.all().stream().filter(r -> !(r instanceof HttpRoute)).toList();
        // Routes depend on everything but the other routes (policies, backends, secrets, ...).
        List<Object> inputs = policyInputs(resources);
        boolean reuse = context.equals(previousContext) && inputs.equals(previousInputs);
        Map<RouteKey, List<RouteEntry>> compiledRoutes = new HashMap<>();
        for (RouteAttachment a : attachments) {
            ListenerPorts.ListenerRef ref = new ListenerPorts.ListenerRef(a.gateway(), a.listener());
            List<RouteEntry> entries = entriesByPort.computeIfAbsent(ref.address() + ":" + a.listener().port(),
                    k -> new ArrayList<>());
            RouteKey key = RouteKey.of(a);
            List<RouteEntry> cached = reuse ? previousRoutes.get(key) : null;
            if (cached != null) {
                entries.addAll(cached);
                compiledRoutes.put(key, cached);
                continue;
            }
            guarded(resources, a.route(), errors, () -> {
                List<RouteEntry> compiled = routeCompiler.compile(a);
                entries.addAll(compiled);
                compiledRoutes.put(key, compiled);
            });
        }
        ListenerPorts listenerPorts = new ListenerPorts(ctx, tlsFactory, tlsCache);
        List<ListenerPort> ports = new ArrayList<>();
        Map<String, DefaultRouteTable> tables = new HashMap<>();
        for (Map.Entry<String, List<ListenerPorts.ListenerRef>> p : ListenerPorts.group(resources).entrySet()) {
            List<RouteEntry> entries = entriesByPort.getOrDefault(p.getKey(), List.of());
            guarded(resources, p.getValue().get(0).gateway(), errors,
                    () -> {
                        DefaultRouteTable table = DefaultRouteTable.of(entries, previousTables.get(p.getKey()));
                        tables.put(p.getKey(), table);
                        ports.add(listenerPorts.port(p.getValue(), table));
                    });
        }
        if (!errors.isEmpty()) {
            update.abort();
            return new Result.Rejected(errors);
        }
        tlsCache = listenerPorts.tlsCache();
        previousContext = context;
        previousInputs = inputs;
        previousRoutes = compiledRoutes;
        previousTables = tables;
        ProxySnapshot snapshot = new ProxySnapshot(version, ports, update.clusters(), resources::toJson);
        return new Result.Compiled(snapshot, update, ctx.warnings());
    }

    private static void planClusters(CompileContext ctx, RouteAttachment a) {
        HttpRoute route = a.route();
        List<HttpRouteRule> rules = route.spec().rules();
        for (int r = 0; r < rules.size(); r++) {
            HttpRouteRule rule = rules.get(r);
            PolicyContext pc = new PolicyContext(route.namespace(), route.name(), r, rule.name(),
                    a.gateway().namespace(), a.gateway().name(), a.listener().name(), a.listener().port(),
                    route.namespace() + "/" + route.name() + "/rule/" + r, ctx.resources());
            BackendTrafficPolicy btp = ctx.trafficPolicy(pc);
            for (var ref : rule.backendRefs()) {
                ctx.planCluster(route, ref.ref(), btp);
            }
            for (HttpRouteFilter f : rule.filters()) {
                if (f.type() == HttpRouteFilterType.RequestMirror) {
                    ctx.planCluster(route, f.requestMirror().backendRef(), btp);
                } else if (f.type() == HttpRouteFilterType.ExtensionRef) {
                    ctx.planExtensionClusters(route, f.extensionRef(), btp);
                }
            }
        }
    }

    /** Runs {@code step}; a {@link CompileException} becomes an error on its resource (or {@code current}). */
    private static void guarded(ResourceSet resources, Resource current, List<ConfigError> errors, Runnable step) {
        try {
            step.run();
        } catch (CompileException e) {
            Resource r = e.resource() != null ? e.resource() : current;
            ConfigError error = ConfigError.of(resources.sourceOf(r), r.id(), e.field(), e.getMessage());
            if (!errors.contains(error)) {
                errors.add(error);
            }
        }
    }

    private List<Object> policyInputs(ResourceSet resources) {
        List<Object> inputs = new ArrayList<>();
        for (PolicyCompiler<?> c : policies) {
            addInputs(c, resources, inputs);
        }
        return inputs;
    }

    private static <P extends Policy> void addInputs(PolicyCompiler<P> compiler, ResourceSet resources,
                                                     List<Object> out) {
        for (P p : resources.policies(compiler.policyType())) {
            out.add(compiler.inputs(p, resources));
        }
    }
}
