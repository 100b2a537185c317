package io.meshgate.proxy.route;

import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The standard {@link RouteTable}: Gateway API matching over an index, so a request looks only at
 * the routes that could match it, however many there are.
 *
 * <p>Hosts first: routes for the exact request host, then for wildcard hosts from the longest
 * suffix to the shortest, then routes for any host (the spec gives precedence to the route with
 * the most characters in a matching non-wildcard hostname, then in a matching hostname). Within
 * one host, matches are ranked by {@link RoutePrecedence}; {@link PathIndex} finds the first
 * candidate in that rank that matches, and the first host bucket with a match answers.
 */
public final class DefaultRouteTable implements RouteTable {

    private static final DefaultRouteTable EMPTY = new DefaultRouteTable(Map.of(), Map.of(), null, 0,
            ListenerHosts.NONE);

    /** The entries of one host key, as given (to recognise an unchanged bucket), and their index. */
    private record Bucket(List<RouteEntry> inputs, PathIndex index) {
        boolean sameInputs(List<RouteEntry> other) {
            if (other.size() != inputs.size()) {
                return false;
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (other.get(i) != inputs.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<String, Bucket> exactHosts;
    /** Keyed by the suffix after the wildcard, with its dot: {@code *.example.com} is {@code .example.com}. */
    private final Map<String, Bucket> wildcardHosts;
    private final @Nullable Bucket anyHost;
    private final int size;
    private final ListenerHosts listeners;

    private DefaultRouteTable(Map<String, Bucket> exactHosts, Map<String, Bucket> wildcardHosts,
                              @Nullable Bucket anyHost, int size, ListenerHosts listeners) {
        this.exactHosts = exactHosts;
        this.wildcardHosts = wildcardHosts;
        this.anyHost = anyHost;
        this.size = size;
        this.listeners = listeners;
    }

    /** A table that matches nothing. */
    public static DefaultRouteTable empty() {
        return EMPTY;
    }

    /** Compiles {@code entries} into a table. */
    public static DefaultRouteTable of(Collection<RouteEntry> entries) {
        return of(entries, null);
    }

    /**
     * Compiles {@code entries} into a table, reusing the index of every host whose entries are the
     * same objects, in the same order, as in {@code previous}: after a reload that changed one
     * route, only that route's hosts are indexed again.
     */
    public static DefaultRouteTable of(Collection<RouteEntry> entries, @Nullable DefaultRouteTable previous) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<RouteEntry>> exact = new HashMap<>();
        Map<String, List<RouteEntry>> wildcard = new HashMap<>();
        List<RouteEntry> any = new ArrayList<>();
        for (RouteEntry e : entries) {
            if (e.hostnames().isEmpty()) {
                any.add(e);
                continue;
            }
            for (String h : e.hostnames()) {
                String host = MatchInput.normalizeHost(h.toLowerCase(Locale.ROOT));
                if (host.startsWith("*.")) {
                    wildcard.computeIfAbsent(host.substring(1), k -> new ArrayList<>()).add(e);
                } else {
                    exact.computeIfAbsent(host, k -> new ArrayList<>()).add(e);
                }
            }
        }
        DefaultRouteTable p = previous == null ? EMPTY : previous;
        return new DefaultRouteTable(index(exact, p.exactHosts), index(wildcard, p.wildcardHosts),
                any.isEmpty() ? null : bucket(any, p.anyHost), entries.size(), ListenerHosts.of(entries));
    }

    private static Map<String, Bucket> index(Map<String, List<RouteEntry>> byHost, Map<String, Bucket> previous) {
        Map<String, Bucket> out = new HashMap<>(byHost.size() * 2);
        byHost.forEach((host, list) -> out.put(host, bucket(list, previous.get(host))));
        return Map.copyOf(out);
    }

    private static Bucket bucket(List<RouteEntry> inputs, @Nullable Bucket previous) {
        if (previous != null && previous.sameInputs(inputs)) {
            return previous;
        }
        List<RouteEntry> sorted = new ArrayList<>(inputs);
        sorted.sort(RoutePrecedence.COMPARATOR);
        return new Bucket(List.copyOf(inputs), PathIndex.of(sorted));
    }

    @Override
    public @Nullable Route match(Exchange exchange) {
        return match(exchange.method(), exchange.host(), exchange.path(), exchange.requestHeaders());
    }

    /**
     * Matches a request given by its parts.
     *
     * @param host the Host / :authority without port
     * @param target the request target in origin form (path and optional query)
     */
    public @Nullable Route match(HttpMethod method, String host, String target, HttpHeaders headers) {
        MatchInput in = new MatchInput(method, host, target, headers);
        String h = in.host();
        if (listeners.isolates()) {
            in.listener = listeners.mostSpecific(h);
            if (in.listener == null) {
                return null;
            }
        }
        Bucket bucket = exactHosts.get(h);
        if (bucket != null) {
            Route r = bucket.index().match(in);
            if (r != null) {
                return r;
            }
        }
        if (!wildcardHosts.isEmpty()) {
            // A wildcard label stands for one or more labels: the suffix must leave one in front.
            for (int dot = h.indexOf('.', 1); dot > 0; dot = h.indexOf('.', dot + 1)) {
                bucket = wildcardHosts.get(h.substring(dot));
                if (bucket != null) {
                    Route r = bucket.index().match(in);
                    if (r != null) {
                        return r;
                    }
                }
            }
        }
        return anyHost == null ? null : anyHost.index().match(in);
    }

    @Override
    public int size() {
        return size;
    }
}
