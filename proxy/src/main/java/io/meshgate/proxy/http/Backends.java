package io.meshgate.proxy.http;

import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.WeightedBackend;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Weighted choice among a route's backendRefs (traffic splitting). */
final class Backends {

    private Backends() {
    }

    /** A backend drawn with probability weight / total, or null when there is none with weight &gt; 0. */
    static @Nullable WeightedBackend pick(Route route) {
        List<WeightedBackend> backends = route.backends();
        int n = backends.size();
        if (n == 1) {
            WeightedBackend only = backends.get(0);
            return only.weight() > 0 ? only : null;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += backends.get(i).weight();
        }
        if (total <= 0) {
            return null;
        }
        long r = ThreadLocalRandom.current().nextLong(total);
        for (int i = 0; i < n; i++) {
            WeightedBackend b = backends.get(i);
            r -= b.weight();
            if (r < 0) {
                return b;
            }
        }
        return backends.get(n - 1);
    }
}
