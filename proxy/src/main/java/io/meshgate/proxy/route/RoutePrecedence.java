package io.meshgate.proxy.route;

import java.util.Comparator;

/**
 * The Gateway API precedence between matches of one host (HTTPRouteRule.matches): an Exact path
 * first, then (our choice for the implementation-specific case, as Envoy Gateway does) a
 * RegularExpression path, longest expression first, then a PathPrefix with the most characters;
 * then a method match, the most header matches, the most query parameter matches; then
 * {@link RouteOrder} (oldest route, {@code namespace/name}, rule order, match order).
 */
final class RoutePrecedence {

    /** Most specific first. */
    static final Comparator<RouteEntry> COMPARATOR = Comparator
            .comparingInt((RouteEntry e) -> kindRank(e.match().path()))
            .thenComparingInt(e -> -e.match().path().value().length())
            .thenComparingInt(e -> e.match().method() == null ? 1 : 0)
            .thenComparingInt(e -> -e.match().headers().size())
            .thenComparingInt(e -> -e.match().queryParams().size())
            .thenComparing(RouteEntry::order);

    private RoutePrecedence() {
    }

    private static int kindRank(PathMatch path) {
        return switch (path.type()) {
            case EXACT -> 0;
            case REGULAR_EXPRESSION -> 1;
            case PATH_PREFIX -> 2;
        };
    }
}
