package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.upstream.Cluster;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one proxy runs, compiled from a set of resources and immutable: listener ports with
 * their route tables, and the clusters they use. Swapped atomically by {@link SnapshotHolder}.
 *
 * @param version increasing version, shown at {@code /config} and in logs
 * @param ports the listener ports
 * @param clusters the clusters by name
 * @param configJson the resources this snapshot was compiled from, as JSON, for {@code /config}
 */
public record ProxySnapshot(long version, List<ListenerPort> ports, Map<String, Cluster> clusters,
                            String configJson) {
    public ProxySnapshot {
        ports = List.copyOf(ports);
        clusters = Map.copyOf(clusters);
        Objects.requireNonNull(configJson, "configJson");
    }
}
