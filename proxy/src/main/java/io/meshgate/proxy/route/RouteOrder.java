package io.meshgate.proxy.route;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a match sits among equally specific matches, per the Gateway API: the oldest route first
 * (creation timestamp; a route without one counts as newest), then {@code namespace/name} in
 * alphabetical order, then rule order, then match order within the rule.
 *
 * @param created the route's {@code metadata.creationTimestamp}, or null
 * @param namespacedName {@code namespace/name} of the route
 * @param ruleIndex index of the rule in the route
 * @param matchIndex index of the match in the rule
 */
public record RouteOrder(@Nullable Instant created, String namespacedName, int ruleIndex, int matchIndex)
        implements Comparable<RouteOrder> {

    private static final Comparator<RouteOrder> ORDER = Comparator
            .comparing((RouteOrder o) -> o.created == null ? Instant.MAX : o.created)
            .thenComparing(RouteOrder::namespacedName)
            .thenComparingInt(RouteOrder::ruleIndex)
            .thenComparingInt(RouteOrder::matchIndex);

    public RouteOrder {
        Objects.requireNonNull(namespacedName, "namespacedName");
    }

    @Override
    public int compareTo(RouteOrder o) {
        return ORDER.compare(this, o);
    }
}
