package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** Weighted random: each host is chosen with probability weight / total weight. */
record RandomBalancer(Supplier<RandomGenerator> random) implements LoadBalancer {

    /** Redraws on a retry before falling back to a scan for an untried host. */
    private static final int REDRAWS = 3;

    RandomBalancer {
        Objects.requireNonNull(random, "random");
    }

    @Override
    public Picker picker(List<Host> hosts) {
        if (hosts.isEmpty()) {
            return Picker.EMPTY;
        }
        Host[] array = hosts.toArray(new Host[0]);
        long[] cumulative = new long[array.length];
        long total = 0;
        for (int i = 0; i < array.length; i++) {
            total += array[i].weight();
            cumulative[i] = total;
        }
        boolean uniform = Picks.uniformWeights(array);
        long sum = total;
        return ctx -> pick(array, uniform ? null : cumulative, sum, ctx);
    }

    private @Nullable Host pick(Host[] hosts, long @Nullable [] cumulative, long total, PickContext ctx) {
        RandomGenerator rnd = random.get();
        Host h = null;
        for (int draw = 0; draw <= REDRAWS; draw++) {
            h = hosts[draw(rnd, hosts.length, cumulative, total)];
            if (!Picks.tried(ctx, h)) {
                return h;
            }
        }
        Host untried = Picks.firstUntried(ctx, hosts, rnd.nextInt(hosts.length));
        return untried != null ? untried : h;
    }

    private static int draw(RandomGenerator rnd, int n, long @Nullable [] cumulative, long total) {
        if (cumulative == null) {
            return rnd.nextInt(n);
        }
        long r = rnd.nextLong(total);
        int i = Arrays.binarySearch(cumulative, r);
        // cumulative[i] is the end (exclusive) of host i's range: r == cumulative[i] belongs to i + 1.
        return i >= 0 ? i + 1 : -i - 1;
    }
}
