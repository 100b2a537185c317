package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.upstream.Cluster;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything one proxy runs, compiled from a set of resources and immutable: listener ports with
 * their route tables, and the clusters they use. Swapped atomically by {@link SnapshotHolder}.
 *
 * @param version increasing version, shown at {@code /config} and in logs
 * @param ports the listener ports
 * @param clusters the clusters by name
 * @param config renders the resources this snapshot was compiled from, as JSON, for {@code /config};
 *     called at most once, when first asked for (rendering a large config costs more than compiling it)
 */
public record ProxySnapshot(long version, List<ListenerPort> ports, Map<String, Cluster> clusters,
                            Supplier<String> config) {
    public ProxySnapshot {
        ports = List.copyOf(ports);
        clusters = Map.copyOf(clusters);
        config = config instanceof Once once ? once : new Once(Objects.requireNonNull(config, "config"));
    }

    /** A snapshot whose config JSON is already rendered. */
    public ProxySnapshot(long version, List<ListenerPort> ports, Map<String, Cluster> clusters, String configJson) {
        this(version, ports, clusters, constant(Objects.requireNonNull(configJson, "configJson")));
    }

    private static Supplier<String> constant(String json) {
        return () -> json;
    }

    /** The resources this snapshot was compiled from, as JSON (rendered on first use). */
    public String configJson() {
        return config.get();
    }

    /** Computes the text once, on first use, from any thread. */
    private static final class Once implements Supplier<String> {
        private @Nullable Supplier<String> source;
        private volatile @Nullable String value;

        Once(Supplier<String> source) {
            this.source = source;
        }

        @Override
        public String get() {
            String v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = Objects.requireNonNull(Objects.requireNonNull(source).get(), "config");
                        value = v;
                        source = null;
                    }
                }
            }
            return v;
        }
    }
}
