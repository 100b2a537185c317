package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One rule of an HTTPRoute: matches, filters and the backends that requests matching it go to.
 *
 * @param name optional name (RFC 1123 label), unique within the route; a policy's {@code sectionName} names it
 * @param matches the matches, any of which selects the rule; default one match of {@code PathPrefix /}
 * @param filters filters applied in order; RequestHeaderModifier, ResponseHeaderModifier, URLRewrite and
 *     RequestRedirect at most once each, URLRewrite and RequestRedirect not together; default none
 * @param backendRefs weighted backends, default none (requests get 500 unless a RequestRedirect answers);
 *     must be empty with RequestRedirect
 * @param timeouts request and backend timeouts, default none
 */
public record HttpRouteRule(@Nullable String name, List<HttpRouteMatch> matches, List<HttpRouteFilter> filters,
                            List<HttpBackendRef> backendRefs, HttpRouteTimeouts timeouts) {
    private static final Set<HttpRouteFilterType> AT_MOST_ONCE = EnumSet.of(HttpRouteFilterType.RequestHeaderModifier,
            HttpRouteFilterType.ResponseHeaderModifier, HttpRouteFilterType.URLRewrite,
            HttpRouteFilterType.RequestRedirect);

    public HttpRouteRule(@Nullable String name, @Nullable List<HttpRouteMatch> matches,
                         @Nullable List<HttpRouteFilter> filters, @Nullable List<HttpBackendRef> backendRefs,
                         @Nullable HttpRouteTimeouts timeouts) {
        this.name = name == null ? null : Checks.dnsLabel(name, "name");
        List<HttpRouteMatch> m = Checks.list(matches, "matches");
        this.matches = m.isEmpty() ? List.of(HttpRouteMatch.ALL) : m;
        Checks.check(this.matches.size() <= 64, "matches", this.matches.size() + " entries (expected: at most 64)");
        this.filters = Checks.list(filters, "filters");
        this.backendRefs = Checks.list(backendRefs, "backendRefs");
        this.timeouts = Checks.orDefault(timeouts, new HttpRouteTimeouts(null, null));
        checkFilters();
    }

    private void checkFilters() {
        Set<HttpRouteFilterType> seen = EnumSet.noneOf(HttpRouteFilterType.class);
        for (int i = 0; i < filters.size(); i++) {
            HttpRouteFilter f = filters.get(i);
            Checks.check(seen.add(f.type()) || !AT_MOST_ONCE.contains(f.type()), "filters[" + i + "].type",
                    f.type() + " (expected: at most once per rule)");
            HttpPathModifier path = f.pathModifier();
            if (path != null && path.type() == PathModifierType.ReplacePrefixMatch) {
                Checks.check(matches.size() == 1 && matches.get(0).path().type() == PathMatchType.PathPrefix,
                        "filters[" + i + "]", "ReplacePrefixMatch needs exactly one match, of type PathPrefix");
            }
        }
        Checks.check(!(seen.contains(HttpRouteFilterType.URLRewrite)
                       && seen.contains(HttpRouteFilterType.RequestRedirect)), "filters",
                "URLRewrite and RequestRedirect cannot be used together");
        Checks.check(!seen.contains(HttpRouteFilterType.RequestRedirect) || backendRefs.isEmpty(), "backendRefs",
                "must be empty when the rule has a RequestRedirect filter");
    }
}
