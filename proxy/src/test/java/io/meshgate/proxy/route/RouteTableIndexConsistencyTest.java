package io.meshgate.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index must give exactly what a linear scan over every match in precedence order gives: a
 * brute-force reference, compared on random route sets and random requests.
 */
class RouteTableIndexConsistencyTest {

    private static final String[] SEGMENTS = {"a", "b", "ab", "c"};
    private static final String[] HOSTS = {"x.com", "a.x.com", "b.a.x.com", "y.org"};
    private static final String[] ROUTE_HOSTS = {"x.com", "a.x.com", "*.x.com", "*.a.x.com", "y.org"};
    private static final String[] METHODS = {"GET", "POST"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void indexAgreesWithLinearScan(long seed) {
        Random rnd = new Random(seed);
        Routes routes = Routes.table();
        for (int i = 0; i < 200; i++) {
            Routes.MatchBuilder m = switch (rnd.nextInt(4)) {
                case 0 -> Routes.exact(randomPath(rnd, 1));
                case 1 -> {
                    String p = randomPath(rnd, 1);
                    if (rnd.nextInt(3) == 0) {
                        p = p.replace("a", "[a-b]");
                    }
                    yield Routes.regex(p + (rnd.nextBoolean() ? ".*" : "/[a-c]+"));
                }
                default -> {
                    String p = randomPath(rnd, 0);
                    yield Routes.prefix(p.length() > 1 && rnd.nextInt(4) == 0 ? p + "/" : p);
                }
            };
            if (rnd.nextInt(3) == 0) {
                m.method(METHODS[rnd.nextInt(2)]);
            }
            for (int h = rnd.nextInt(3); h > 0; h--) {
                m.header("h" + rnd.nextInt(3), String.valueOf(rnd.nextInt(2)));
            }
            for (int q = rnd.nextInt(3); q > 0; q--) {
                m.query("q" + rnd.nextInt(3), String.valueOf(rnd.nextInt(2)));
            }
            String[] hosts = rnd.nextInt(3) == 0 ? new String[0]
                    : new String[] {ROUTE_HOSTS[rnd.nextInt(ROUTE_HOSTS.length)]};
            routes.add("r" + i, m, Routes.order(null, "ns/r" + rnd.nextInt(50), rnd.nextInt(3), rnd.nextInt(3)),
                    hosts);
        }
        DefaultRouteTable table = routes.build();
        for (int i = 0; i < 2000; i++) {
            String method = METHODS[rnd.nextInt(2)];
            String host = HOSTS[rnd.nextInt(HOSTS.length)];
            StringBuilder target = new StringBuilder(randomPath(rnd, 0));
            if (rnd.nextBoolean()) {
                target.append('/');
            }
            target.append("?q").append(rnd.nextInt(3)).append('=').append(rnd.nextInt(2))
                    .append("&q").append(rnd.nextInt(3)).append('=').append(rnd.nextInt(2));
            HttpHeaders headers = new DefaultHttpHeaders();
            for (int h = 0; h < 3; h++) {
                if (rnd.nextBoolean()) {
                    headers.add("h" + h, String.valueOf(rnd.nextInt(2)));
                }
            }
            Route expected = linearScan(routes.entries(), HttpMethod.valueOf(method), host, target.toString(),
                    headers);
            Route actual = table.match(HttpMethod.valueOf(method), host, target.toString(), headers);
            assertThat(actual).as("%s %s%s %s", method, host, target, headers).isSameAs(expected);
        }
    }

    private static String randomPath(Random rnd, int minSegments) {
        StringBuilder b = new StringBuilder();
        int n = minSegments + rnd.nextInt(4 - minSegments);
        for (int i = 0; i < n; i++) {
            b.append('/').append(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    /** Ranks hosts as the spec says (exact, then wildcards by length), then matches in precedence order. */
    private static @Nullable Route linearScan(List<RouteEntry> entries, HttpMethod method, String host,
                                              String target, HttpHeaders headers) {
        MatchInput in = new MatchInput(method, host, target, headers);
        record Candidate(int hostRank, RouteEntry entry) { }
        List<Candidate> candidates = new ArrayList<>();
        for (RouteEntry e : entries) {
            int best = Integer.MAX_VALUE;
            if (e.hostnames().isEmpty()) {
                best = Integer.MAX_VALUE - 1;
            }
            for (String h : e.hostnames()) {
                if (h.equals(host)) {
                    best = Math.min(best, 0);
                } else if (h.startsWith("*.") && io.meshgate.api.Hostnames.matches(h, host)) {
                    best = Math.min(best, 1000 - h.length());
                }
            }
            if (best != Integer.MAX_VALUE) {
                candidates.add(new Candidate(best, e));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::hostRank)
                .thenComparing(Candidate::entry, RoutePrecedence.COMPARATOR));
        for (Candidate c : candidates) {
            if (c.entry().match().matches(in)) {
                return c.entry().route();
            }
        }
        return null;
    }
}
