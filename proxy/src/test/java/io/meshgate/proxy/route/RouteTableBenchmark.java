package io.meshgate.proxy.route;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A plain micro-benchmark of route matching with many routes (run by {@code bench/route-match.sh};
 * not a test). Prints, per scenario, the time to build the table and the mean time per match,
 * next to a linear scan over every match as the baseline the index avoids.
 */
public final class RouteTableBenchmark {

    private RouteTableBenchmark() {
    }

    record Request(HttpMethod method, String host, String target, HttpHeaders headers) { }

    public static void main(String[] args) {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        run("one host, " + routes + " routes (prefix/exact/regex, headers, methods)", oneHost(routes));
        run(routes / 10 + " hosts x 10 routes, wildcards, catch-all", manyHosts(routes));
    }

    private static void run(String name, Scenario s) {
        long t0 = System.nanoTime();
        DefaultRouteTable table = null;
        for (int i = 0; i < 5; i++) {
            table = DefaultRouteTable.of(s.entries);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            table = DefaultRouteTable.of(s.entries);
        }
        double buildMs = (System.nanoTime() - t1) / 10 / 1e6;
        Request[] reqs = s.requests.toArray(new Request[0]);
        int matched = 0;
        // warm-up, then measure
        for (int i = 0; i < 2_000_000; i++) {
            Request r = reqs[i % reqs.length];
            if (table.match(r.method, r.host, r.target, r.headers) != null) {
                matched++;
            }
        }
        int iterations = 3_000_000;
        long m0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            Request r = reqs[i % reqs.length];
            if (table.match(r.method, r.host, r.target, r.headers) != null) {
                matched++;
            }
        }
        double nsPerMatch = (double) (System.nanoTime() - m0) / iterations;
        // the baseline: every match in precedence order, checked one by one
        List<RouteEntry> sorted = new ArrayList<>(s.entries);
        sorted.sort(RoutePrecedence.COMPARATOR);
        int linearIterations = 2_000;
        long l0 = System.nanoTime();
        for (int i = 0; i < linearIterations; i++) {
            Request r = reqs[i % reqs.length];
            if (linear(sorted, r) != null) {
                matched++;
            }
        }
        double linearNs = (double) (System.nanoTime() - l0) / linearIterations;
        System.out.printf(Locale.ROOT, "%-70s build %7.1f ms   match %8.0f ns/op   linear scan %10.0f ns/op  (%d)%n",
                name, buildMs, nsPerMatch, linearNs, matched % 10);
        if (t0 < 0) {
            System.out.println(t0);
        }
    }

    private static Route linear(List<RouteEntry> sorted, Request r) {
        MatchInput in = new MatchInput(r.method, r.host, r.target, r.headers);
        for (RouteEntry e : sorted) {
            boolean hostOk = e.hostnames().isEmpty();
            for (String h : e.hostnames()) {
                hostOk |= io.meshgate.api.Hostnames.matches(h, in.host());
            }
            if (hostOk && e.match().matches(in)) {
                return e.route();
            }
        }
        return null;
    }

    record Scenario(List<RouteEntry> entries, List<Request> requests) { }

    private static Scenario oneHost(int n) {
        Random rnd = new Random(42);
        List<RouteEntry> entries = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String base = "/svc" + i + "/v" + (i % 3);
            Routes.MatchBuilder m = switch (i % 10) {
                case 0 -> Routes.exact(base + "/status");
                case 1 -> Routes.prefix(base).method("POST");
                case 2 -> Routes.prefix(base).header("x-tenant", "t" + (i % 7));
                case 3 -> Routes.regex(base + "/items/[0-9]+");
                default -> Routes.prefix(base);
            };
            entries.add(new RouteEntry(List.of("api.example.com"), m.build(),
                    new RouteOrder(null, "default/r" + i, 0, 0), Routes.route("r" + i)));
        }
        for (int i = 0; i < 4096; i++) {
            int k = rnd.nextInt(n);
            String base = "/svc" + k + "/v" + (k % 3);
            HttpHeaders h = new DefaultHttpHeaders();
            h.add("user-agent", "bench").add("accept", "*/*").add("x-tenant", "t" + (k % 7));
            String target = switch (k % 10) {
                case 0 -> base + "/status";
                case 3 -> base + "/items/" + rnd.nextInt(1000);
                default -> base + "/deep/path/" + rnd.nextInt(100) + "?q=" + i;
            };
            requests.add(new Request(k % 10 == 1 ? HttpMethod.POST : HttpMethod.GET, "api.example.com", target, h));
        }
        return new Scenario(entries, requests);
    }

    private static Scenario manyHosts(int n) {
        Random rnd = new Random(7);
        List<RouteEntry> entries = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        int hosts = n / 10;
        for (int i = 0; i < n; i++) {
            int host = i % hosts;
            String hostname = host % 5 == 0 ? "*.tenant" + host + ".example.com" : "app" + host + ".example.com";
            entries.add(new RouteEntry(List.of(hostname), Routes.prefix("/p" + (i / hosts)).build(),
                    new RouteOrder(null, "default/r" + i, 0, 0), Routes.route("r" + i)));
        }
        entries.add(new RouteEntry(List.of(), RequestMatch.ANY, new RouteOrder(null, "default/fallback", 0, 0),
                Routes.route("fallback")));
        for (int i = 0; i < 4096; i++) {
            int host = rnd.nextInt(hosts);
            String h = host % 5 == 0 ? "www.tenant" + host + ".example.com" : "app" + host + ".example.com";
            requests.add(new Request(HttpMethod.GET, h, "/p" + rnd.nextInt(12) + "/x/y", new DefaultHttpHeaders()));
        }
        return new Scenario(entries, requests);
    }
}
