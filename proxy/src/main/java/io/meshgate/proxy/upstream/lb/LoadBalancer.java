package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A load-balancing algorithm. It precomputes a {@link Picker} for each list of available hosts
 * (rings, weight tables), off the request path, whenever a cluster publishes a new endpoint set;
 * picking is then lock-free and allocation-free. Implementations are value types (records), so two
 * cluster configs with the same algorithm compare equal. Get them from {@link LoadBalancers}.
 */
public interface LoadBalancer {

    /** Builds the picker for {@code hosts}, the available hosts of one endpoint set. */
    Picker picker(List<Host> hosts);

    /** Chooses among one fixed list of hosts. Thread-safe; called concurrently by every event loop. */
    @FunctionalInterface
    interface Picker {

        /** Picks nobody: the list was empty. */
        Picker EMPTY = ctx -> null;

        /**
         * Picks a host for one try, avoiding those in {@link PickContext#tried()} when another is
         * available.
         *
         * @return a host, or null only when the list is empty
         */
        @Nullable Host pick(PickContext context);
    }
}
