package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Least request by the power of two choices: draw two distinct hosts at random and take the one
 * with fewer tries in flight per unit of weight. It avoids the herd a global "least loaded" choice
 * causes when many event loops pick at once from slightly stale counts, at O(1) per pick.
 *
 * <p>Load is compared as {@code (active + 1) / weight}, so with equal weights this is plain P2C
 * and a host of weight 2 is chosen as if it carried half its requests.
 */
record LeastRequestBalancer(Supplier<RandomGenerator> random) implements LoadBalancer {

    LeastRequestBalancer {
        Objects.requireNonNull(random, "random");
    }

    @Override
    public Picker picker(List<Host> hosts) {
        if (hosts.isEmpty()) {
            return Picker.EMPTY;
        }
        Host[] array = hosts.toArray(new Host[0]);
        return ctx -> pick(array, ctx);
    }

    private @Nullable Host pick(Host[] hosts, PickContext ctx) {
        int n = hosts.length;
        if (n == 1) {
            return hosts[0];
        }
        RandomGenerator rnd = random.get();
        int a = rnd.nextInt(n);
        int b = rnd.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        Host first = hosts[a];
        Host second = hosts[b];
        if (!ctx.tried().isEmpty()) {
            boolean firstTried = Picks.tried(ctx, first);
            boolean secondTried = Picks.tried(ctx, second);
            if (firstTried && secondTried) {
                Host other = leastLoadedUntried(hosts, ctx);
                return other != null ? other : lessLoaded(first, second);
            }
            if (firstTried) {
                return second;
            }
            if (secondTried) {
                return first;
            }
        }
        return lessLoaded(first, second);
    }

    private static Host lessLoaded(Host a, Host b) {
        // (activeA + 1) / weightA <= (activeB + 1) / weightB, without division.
        long loadA = (a.activeRequests() + 1L) * b.weight();
        long loadB = (b.activeRequests() + 1L) * a.weight();
        return loadA <= loadB ? a : b;
    }

    private static @Nullable Host leastLoadedUntried(Host[] hosts, PickContext ctx) {
        Host best = null;
        for (Host h : hosts) {
            if (!Picks.tried(ctx, h) && (best == null || lessLoaded(h, best) == h)) {
                best = h;
            }
        }
        return best;
    }
}
