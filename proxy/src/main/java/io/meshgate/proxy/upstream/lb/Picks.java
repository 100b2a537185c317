package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Helpers the pickers share. */
final class Picks {

    private Picks() {
    }

    /** Whether {@code host} was already tried for this request. */
    static boolean tried(PickContext ctx, Host host) {
        Set<?> tried = ctx.tried();
        return !tried.isEmpty() && tried.contains(host.endpoint());
    }

    /** The first host not yet tried, scanning from {@code start}; null when all were tried. */
    static @Nullable Host firstUntried(PickContext ctx, Host[] hosts, int start) {
        int n = hosts.length;
        for (int i = 0; i < n; i++) {
            Host h = hosts[(start + i) % n];
            if (!tried(ctx, h)) {
                return h;
            }
        }
        return null;
    }

    /** Whether every host has weight {@code hosts[0].weight()}. */
    static boolean uniformWeights(Host[] hosts) {
        for (Host h : hosts) {
            if (h.weight() != hosts[0].weight()) {
                return false;
            }
        }
        return true;
    }
}
