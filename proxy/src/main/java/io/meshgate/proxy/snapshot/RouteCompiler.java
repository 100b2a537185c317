package io.meshgate.proxy.snapshot;

import io.meshgate.api.RouteAttachment;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.route.HttpBackendRef;
import io.meshgate.api.route.HttpHeaderMatch;
import io.meshgate.api.route.HttpQueryParamMatch;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.route.HttpRouteFilter;
import io.meshgate.api.route.HttpRouteFilterType;
import io.meshgate.api.route.HttpRouteMatch;
import io.meshgate.api.route.HttpRouteRule;
import io.meshgate.api.route.MatchType;
import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.route.HeaderMatch;
import io.meshgate.proxy.route.PathMatch;
import io.meshgate.proxy.route.QueryParamMatch;
import io.meshgate.proxy.route.RequestMatch;
import io.meshgate.proxy.route.RequestMirror;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.RouteEntry;
import io.meshgate.proxy.route.RouteOrder;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.route.ValueMatch;
import io.meshgate.proxy.route.WeightedBackend;
import io.meshgate.proxy.upstream.Cluster;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the rules of one HTTPRoute, as attached to one Gateway listener, into route table
 * entries: one {@link Route} per rule match (a URLRewrite or RequestRedirect with
 * ReplacePrefixMatch needs the prefix of the match it serves), with the rule's filters after the
 * effective policies' filters, its weighted backends and mirrors, its timeouts and retries.
 */
final class RouteCompiler {

    private final CompileContext ctx;

    RouteCompiler(CompileContext ctx) {
        this.ctx = ctx;
    }

    /** The entries of {@code attachment}, every rule and match, in order. */
    List<RouteEntry> compile(RouteAttachment attachment) {
        HttpRoute route = attachment.route();
        List<String> hostnames = attachment.hostnames().contains("*") ? List.of() : attachment.hostnames();
        String listenerHostname = attachment.listener().hostname() == null ? ""
                : attachment.listener().hostname().toLowerCase(java.util.Locale.ROOT);
        List<HttpRouteRule> rules = route.spec().rules();
        List<RouteEntry> out = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            HttpRouteRule rule = rules.get(r);
            String ruleField = "spec.rules[" + r + "]";
            String id = route.namespace() + "/" + route.name() + "/rule/" + r;
            PolicyContext pc = new PolicyContext(route.namespace(), route.name(), r, rule.name(),
                    attachment.gateway().namespace(), attachment.gateway().name(), attachment.listener().name(),
                    attachment.listener().port(), id, ctx.resources());
            BackendTrafficPolicy btp = ctx.trafficPolicy(pc);
            List<HttpFilter> policyFilters = ctx.policyFilters(pc);
            RouteTimeouts timeouts = timeouts(rule, btp);
            RetryPolicy retry = btp == null || ctx.translator() == null ? RetryPolicy.NONE
                    : ctx.translated(btp, () -> ctx.translator().retry(btp));
            List<RequestMirror> mirrors = mirrors(route, rule, ruleField, btp);
            for (int m = 0; m < rule.matches().size(); m++) {
                HttpRouteMatch match = rule.matches().get(m);
                String matchField = ruleField + ".matches[" + m + "]";
                RequestMatch requestMatch = requestMatch(match, matchField);
                String prefix = requestMatch.path().type() == PathMatch.Type.PATH_PREFIX
                        ? requestMatch.path().value() : null;
                List<HttpFilter> filters = new ArrayList<>(policyFilters);
                filters.addAll(RuleFilters.of(rule.filters(), ruleField + ".filters", prefix,
                        attachment.listener().port(), ref -> ctx.extensionFilters(route, ref, pc, btp)));
                List<WeightedBackend> backends = backends(route, rule, ruleField, prefix,
                        attachment.listener().port(), btp, pc);
                Route compiled = new Route(id, FilterChain.of(filters), backends, timeouts, retry, mirrors);
                out.add(new RouteEntry(hostnames, requestMatch, new RouteOrder(null, route.id().qualifiedName(), r, m),
                        compiled, listenerHostname));
            }
        }
        return out;
    }

    private List<WeightedBackend> backends(HttpRoute route, HttpRouteRule rule, String ruleField,
                                           @Nullable String prefix, int listenerPort,
                                           @Nullable BackendTrafficPolicy btp, PolicyContext pc) {
        List<WeightedBackend> out = new ArrayList<>(rule.backendRefs().size());
        for (int b = 0; b < rule.backendRefs().size(); b++) {
            HttpBackendRef ref = rule.backendRefs().get(b);
            Cluster cluster = ctx.cluster(route, ref.ref(), btp);
            List<HttpFilter> filters = RuleFilters.of(ref.filters(), ruleField + ".backendRefs[" + b + "].filters",
                    prefix, listenerPort, ext -> ctx.extensionFilters(route, ext, pc, btp));
            String name = ref.ref().namespaceOr(route.namespace()) + "/" + ref.name();
            out.add(new WeightedBackend(name, cluster, ref.weight(), FilterChain.of(filters)));
        }
        return out;
    }

    private List<RequestMirror> mirrors(HttpRoute route, HttpRouteRule rule, String ruleField,
                                        @Nullable BackendTrafficPolicy btp) {
        List<RequestMirror> out = new ArrayList<>(0);
        for (int i = 0; i < rule.filters().size(); i++) {
            HttpRouteFilter f = rule.filters().get(i);
            if (f.type() != HttpRouteFilterType.RequestMirror) {
                continue;
            }
            Cluster cluster = ctx.cluster(route, f.requestMirror().backendRef(), btp);
            if (cluster == null) {
                // The spec: a mirror whose backend cannot be resolved is dropped.
                ctx.warn(route, ruleField + ".filters[" + i + "].requestMirror.backendRef",
                        "resolves to no Backend; the mirror is dropped");
                continue;
            }
            out.add(new RequestMirror(cluster, f.requestMirror().share()));
        }
        return out;
    }

    private RouteTimeouts timeouts(HttpRouteRule rule, @Nullable BackendTrafficPolicy btp) {
        Duration request = rule.timeouts().request();
        Duration backend = rule.timeouts().backendRequest();
        RouteTimeouts own = new RouteTimeouts(request == null ? Duration.ZERO : request,
                backend == null ? Duration.ZERO : backend);
        if (btp == null || ctx.translator() == null) {
            return own;
        }
        return ctx.translated(btp, () -> ctx.translator().timeouts(own, btp));
    }

    static RequestMatch requestMatch(HttpRouteMatch match, String field) {
        try {
            PathMatch path = switch (match.path().type()) {
                case Exact -> PathMatch.exact(match.path().value());
                case PathPrefix -> PathMatch.prefix(match.path().value());
                case RegularExpression -> PathMatch.regex(match.path().value());
            };
            List<HeaderMatch> headers = new ArrayList<>(match.headers().size());
            for (HttpHeaderMatch h : match.headers()) {
                headers.add(HeaderMatch.of(h.name(), value(h.type(), h.value())));
            }
            List<QueryParamMatch> query = new ArrayList<>(match.queryParams().size());
            for (HttpQueryParamMatch q : match.queryParams()) {
                query.add(new QueryParamMatch(q.name(), value(q.type(), q.value())));
            }
            HttpMethod method = match.method() == null ? null : HttpMethod.valueOf(match.method().name());
            return new RequestMatch(path, method, headers, query);
        } catch (IllegalArgumentException e) {
            throw new CompileException(field, e.getMessage());
        }
    }

    private static ValueMatch value(MatchType type, String value) {
        return type == MatchType.RegularExpression ? ValueMatch.regex(value) : ValueMatch.exact(value);
    }
}
