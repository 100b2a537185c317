package io.meshgate.api;

import io.meshgate.api.gateway.FromNamespaces;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.Listener;
import io.meshgate.api.gateway.RouteNamespaces;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.route.ParentReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which Gateway listeners each HTTPRoute attaches to (Gateway API rules): the parentRef names a
 * Gateway, optionally a listener ({@code sectionName}) and a port; a listener accepts the route when its
 * {@code allowedRoutes} admit the route's namespace and kind and its hostname intersects the route's.
 * The validator and the snapshot compiler both use it, so they never disagree.
 */
public final class RouteBinder {

    private final ResourceSet resources;

    /** A binder over {@code resources}. */
    public RouteBinder(ResourceSet resources) {
        this.resources = resources;
    }

    /**
     * The outcome for one parentRef.
     *
     * @param attachments the listeners the route attaches to through this parentRef
     * @param field the field of the parentRef at fault ({@code ""} for the parentRef itself), when there is a problem
     * @param problem why the parentRef attaches to nothing, or null when it attaches (or is ignored)
     * @param ignored true when the parentRef is of a kind meshgate does not implement yet (a mesh Service)
     */
    public record Binding(List<RouteAttachment> attachments, String field, @Nullable String problem, boolean ignored) {
        public Binding {
            attachments = List.copyOf(attachments);
        }
    }

    /** Every attachment of every HTTPRoute, in route, parentRef and listener order. */
    public List<RouteAttachment> attachments() {
        List<RouteAttachment> out = new ArrayList<>();
        for (HttpRoute route : resources.httpRoutes()) {
            for (int i = 0; i < route.spec().parentRefs().size(); i++) {
                out.addAll(bind(route, i).attachments());
            }
        }
        return out;
    }

    /** The attachments of one parentRef of a route, or why there are none. */
    public Binding bind(HttpRoute route, int parentRefIndex) {
        ParentReference ref = route.spec().parentRefs().get(parentRefIndex);
        if (!ref.isGateway()) {
            if (ref.group().isEmpty() && "Service".equals(ref.kind())) {
                return new Binding(List.of(), "", null, true);
            }
            return new Binding(List.of(), "kind", (ref.group().isEmpty() ? "" : ref.group() + "/") + ref.kind()
                    + " (expected: Gateway in group " + ParentReference.GATEWAY_GROUP + ")", false);
        }
        String ns = ref.namespaceOr(route.namespace());
        Optional<Gateway> found = resources.gateway(ns, ref.name());
        if (found.isEmpty()) {
            return new Binding(List.of(), "", "Gateway " + ns + "/" + ref.name() + " not found", false);
        }
        Gateway gw = found.get();
        List<Listener> candidates = new ArrayList<>();
        for (Listener l : gw.spec().listeners()) {
            if ((ref.sectionName() == null || ref.sectionName().equals(l.name()))
                && (ref.port() == null || ref.port().equals(l.port()))) {
                candidates.add(l);
            }
        }
        if (candidates.isEmpty()) {
            List<String> names = gw.spec().listeners().stream().map(l -> l.name() + " (port " + l.port() + ")").toList();
            String field = ref.sectionName() != null ? "sectionName" : "port";
            String value = ref.sectionName() != null ? '"' + ref.sectionName() + '"' : String.valueOf(ref.port());
            return new Binding(List.of(), field, value + (ref.sectionName() != null && ref.port() != null
                    ? " with port " + ref.port() : "") + " matches no listener of Gateway " + gw.id().qualifiedName()
                    + " (expected one of: " + String.join(", ", names) + ")", false);
        }
        List<RouteAttachment> attachments = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Listener l : candidates) {
            String reason = rejection(gw, l, route);
            if (reason != null) {
                reasons.add("listener " + l.name() + ": " + reason);
                continue;
            }
            attachments.add(new RouteAttachment(route, parentRefIndex, gw, l,
                    Hostnames.effective(l.hostname(), route.spec().hostnames())));
        }
        if (attachments.isEmpty()) {
            return new Binding(List.of(), "", "not accepted by Gateway " + gw.id().qualifiedName() + ": "
                                             + String.join("; ", reasons), false);
        }
        return new Binding(attachments, "", null, false);
    }

    private @Nullable String rejection(Gateway gw, Listener l, HttpRoute route) {
        RouteNamespaces from = l.allowedRoutes().namespaces();
        String routeNs = route.namespace();
        if (from.from() == FromNamespaces.Same && !routeNs.equals(gw.namespace())) {
            return "namespace \"" + routeNs + "\" is not allowed (allowedRoutes.namespaces.from is Same)";
        }
        if (from.from() == FromNamespaces.Selector && from.selector() != null
            && !from.selector().matches(resources.namespaceLabels(routeNs))) {
            return "namespace \"" + routeNs + "\" does not match allowedRoutes.namespaces.selector";
        }
        if (!l.allowedRoutes().allowsKind(ParentReference.GATEWAY_GROUP, HttpRoute.KIND)) {
            return "kind HTTPRoute is not in allowedRoutes.kinds";
        }
        if (Hostnames.effective(l.hostname(), route.spec().hostnames()).isEmpty()) {
            return "no route hostname matches listener hostname \"" + l.hostname() + "\"";
        }
        return null;
    }
}
