package io.meshgate.proxy.route;

import java.util.List;
import java.util.Objects;

/**
 * One input of a {@link DefaultRouteTable}: a compiled rule match with the hostnames it serves.
 *
 * @param hostnames the effective hostnames (route hostnames intersected with the listener's),
 *     exact or {@code *.}-wildcard, lower case; empty means any host
 * @param match the request conditions
 * @param order the tie-break among equally specific matches
 * @param route what a matching request gets
 * @param listenerHostname the hostname of the Gateway listener the route is attached through
 *     ({@code ""} for a listener without one): a request only reaches the routes of the most
 *     specific listener on its port that matches its host (Gateway API listener isolation)
 */
public record RouteEntry(List<String> hostnames, RequestMatch match, RouteOrder order, Route route,
                         String listenerHostname) {
    public RouteEntry {
        hostnames = List.copyOf(hostnames);
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(listenerHostname, "listenerHostname");
    }

    /** An entry of a listener without a hostname. */
    public RouteEntry(List<String> hostnames, RequestMatch match, RouteOrder order, Route route) {
        this(hostnames, match, order, route, "");
    }
}
