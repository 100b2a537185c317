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
 */
public record RouteEntry(List<String> hostnames, RequestMatch match, RouteOrder order, Route route) {
    public RouteEntry {
        hostnames = List.copyOf(hostnames);
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(route, "route");
    }
}
