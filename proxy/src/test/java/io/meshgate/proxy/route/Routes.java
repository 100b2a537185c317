package io.meshgate.proxy.route;

import io.meshgate.proxy.filter.FilterChain;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds route entries for route table tests, one fluent line each. */
final class Routes {

    private final List<RouteEntry> entries = new ArrayList<>();

    static Routes table() {
        return new Routes();
    }

    static Route route(String id) {
        return new Route(id, FilterChain.empty(), List.of(), RouteTimeouts.NONE, RetryPolicy.NONE, List.of());
    }

    /** Adds an entry with id {@code id}, route {@code default/<id>}, rule 0, match 0. */
    Routes add(String id, RequestMatch match, String... hostnames) {
        return add(id, match, new RouteOrder(null, "default/" + id, 0, 0), hostnames);
    }

    Routes add(String id, RequestMatch match, RouteOrder order, String... hostnames) {
        entries.add(new RouteEntry(Arrays.asList(hostnames), match, order, route(id)));
        return this;
    }

    Routes add(String id, MatchBuilder match, String... hostnames) {
        return add(id, match.build(), hostnames);
    }

    Routes add(String id, MatchBuilder match, RouteOrder order, String... hostnames) {
        return add(id, match.build(), order, hostnames);
    }

    List<RouteEntry> entries() {
        return entries;
    }

    DefaultRouteTable build() {
        return DefaultRouteTable.of(entries);
    }

    static RouteOrder order(@Nullable String created, String name, int rule, int match) {
        return new RouteOrder(created == null ? null : Instant.parse(created), name, rule, match);
    }

    static MatchBuilder prefix(String p) {
        return new MatchBuilder(PathMatch.prefix(p));
    }

    static MatchBuilder exact(String p) {
        return new MatchBuilder(PathMatch.exact(p));
    }

    static MatchBuilder regex(String p) {
        return new MatchBuilder(PathMatch.regex(p));
    }

    static final class MatchBuilder {
        private final PathMatch path;
        private @Nullable HttpMethod method;
        private final List<HeaderMatch> headers = new ArrayList<>();
        private final List<QueryParamMatch> query = new ArrayList<>();

        MatchBuilder(PathMatch path) {
            this.path = path;
        }

        MatchBuilder method(String m) {
            method = HttpMethod.valueOf(m);
            return this;
        }

        MatchBuilder header(String name, String value) {
            headers.add(HeaderMatch.of(name, ValueMatch.exact(value)));
            return this;
        }

        MatchBuilder headerRegex(String name, String regex) {
            headers.add(HeaderMatch.of(name, ValueMatch.regex(regex)));
            return this;
        }

        MatchBuilder query(String name, String value) {
            query.add(new QueryParamMatch(name, ValueMatch.exact(value)));
            return this;
        }

        MatchBuilder queryRegex(String name, String regex) {
            query.add(new QueryParamMatch(name, ValueMatch.regex(regex)));
            return this;
        }

        RequestMatch build() {
            return new RequestMatch(path, method, headers, query);
        }
    }
}
