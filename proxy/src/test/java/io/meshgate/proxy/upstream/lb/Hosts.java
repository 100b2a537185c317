package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Test fixtures: hosts on 10.0.0.x:8080 with given weights, and pick contexts. */
final class Hosts {

    private Hosts() {
    }

    static List<Host> weighted(int... weights) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            hosts.add(new Host(new Endpoint("10.0.0." + (i + 1), 8080, weights[i]), i));
        }
        return hosts;
    }

    static List<Host> uniform(int n) {
        int[] w = new int[n];
        java.util.Arrays.fill(w, 1);
        return weighted(w);
    }

    static PickContext first() {
        return new PickContext(TestExchange.request().build(), 0, Set.of());
    }

    static PickContext first(Exchange x) {
        return new PickContext(x, 0, Set.of());
    }

    static PickContext retry(Exchange x, List<Host> tried) {
        Set<Endpoint> eps = new HashSet<>();
        for (Host h : tried) {
            eps.add(h.endpoint());
        }
        return new PickContext(x, tried.size(), eps);
    }
}
