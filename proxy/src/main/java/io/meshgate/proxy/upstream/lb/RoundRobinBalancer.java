package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Smooth weighted round robin. nginx's algorithm spreads a heavy endpoint's turns evenly instead
 * of sending it a burst (weights 5,1,1 give a a b a c a a, not a a a a a b c). Running it per pick
 * needs a lock, so the picker precomputes one full cycle of the sequence and walks it with an
 * atomic counter.
 *
 * @param random where each picker's starting position comes from, so proxies that start together
 *     do not all hit the first endpoint
 */
record RoundRobinBalancer(Supplier<RandomGenerator> random) implements LoadBalancer {

    /** Longest precomputed cycle; larger total weights are scaled down to fit. */
    static final int MAX_CYCLE = 1 << 14;

    RoundRobinBalancer {
        Objects.requireNonNull(random, "random");
    }

    @Override
    public Picker picker(List<Host> hosts) {
        if (hosts.isEmpty()) {
            return Picker.EMPTY;
        }
        Host[] array = hosts.toArray(new Host[0]);
        Host[] cycle = cycle(array);
        return new CyclePicker(array, cycle, random.get().nextInt(cycle.length));
    }

    /** One cycle of the smooth weighted sequence over {@code hosts}. */
    static Host[] cycle(Host[] hosts) {
        if (Picks.uniformWeights(hosts)) {
            return hosts.clone();
        }
        int[] weights = reducedWeights(hosts);
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        Host[] cycle = new Host[total];
        long[] current = new long[hosts.length];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < hosts.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle[step] = hosts[best];
        }
        return cycle;
    }

    /** Weights divided by their gcd, then scaled so they sum to at most {@link #MAX_CYCLE} (each stays >= 1). */
    private static int[] reducedWeights(Host[] hosts) {
        int gcd = 0;
        long total = 0;
        for (Host h : hosts) {
            gcd = gcd(gcd, h.weight());
            total += h.weight();
        }
        long reducedTotal = total / gcd;
        int budget = Math.max(MAX_CYCLE, hosts.length);
        double scale = reducedTotal > budget ? (double) budget / reducedTotal : 1.0;
        int[] weights = new int[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            weights[i] = (int) Math.max(1, Math.round(hosts[i].weight() / (double) gcd * scale));
        }
        return weights;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static final class CyclePicker implements Picker {
        private final Host[] hosts;
        private final Host[] cycle;
        private final AtomicInteger next;

        CyclePicker(Host[] hosts, Host[] cycle, int start) {
            this.hosts = hosts;
            this.cycle = cycle;
            this.next = new AtomicInteger(start);
        }

        @Override
        public @Nullable Host pick(PickContext ctx) {
            int pos = Math.floorMod(next.getAndIncrement(), cycle.length);
            Host h = cycle[pos];
            if (!Picks.tried(ctx, h)) {
                return h;
            }
            // A retry: the next untried host in cycle order, or the first choice if all were tried.
            for (int i = 1; i < cycle.length; i++) {
                Host c = cycle[(pos + i) % cycle.length];
                if (!Picks.tried(ctx, c)) {
                    return c;
                }
            }
            return hosts.length > 0 ? h : null;
        }
    }
}
