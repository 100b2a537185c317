package io.meshgate.proxy.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, versioned view of a cluster's hosts: all of them, and those that may receive
 * traffic now. A cluster replaces its set atomically whenever health or ejection changes, so a
 * pick works on one consistent list without locks.
 *
 * @param version increases with each set a cluster publishes
 * @param all every host of the cluster, in configuration order
 * @param available the hosts that are healthy and not ejected, in configuration order
 */
public record EndpointSet(long version, List<Host> all, List<Host> available) {

    public EndpointSet {
        all = List.copyOf(all);
        available = List.copyOf(available);
    }

    /** A set of {@code hosts} in which every host whose flags allow it is available. */
    public static EndpointSet of(long version, List<Host> hosts) {
        Objects.requireNonNull(hosts, "hosts");
        List<Host> available = new ArrayList<>(hosts.size());
        for (Host h : hosts) {
            if (h.available()) {
                available.add(h);
            }
        }
        return new EndpointSet(version, hosts, available);
    }
}
