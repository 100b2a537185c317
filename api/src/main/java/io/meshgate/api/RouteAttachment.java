package io.meshgate.api;

import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.Listener;
import io.meshgate.api.route.HttpRoute;
import java.util.List;
import java.util.Objects;

/**
 * An HTTPRoute attached to one Gateway listener, per the Gateway API attachment rules (parentRef
 * sectionName/port, listener allowedRoutes, hostname intersection).
 *
 * @param route the route
 * @param parentRefIndex which of the route's parentRefs made the attachment
 * @param gateway the Gateway
 * @param listener the listener
 * @param hostnames the hosts the route serves on this listener: the intersection of the listener's hostname
 *     and the route's hostnames; {@code ["*"]} means every host
 */
public record RouteAttachment(HttpRoute route, int parentRefIndex, Gateway gateway, Listener listener,
                              List<String> hostnames) {
    public RouteAttachment {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(listener, "listener");
        hostnames = List.copyOf(hostnames);
    }
}
