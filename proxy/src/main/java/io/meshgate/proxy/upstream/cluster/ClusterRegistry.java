package io.meshgate.proxy.upstream.cluster;

import io.meshgate.proxy.upstream.Cluster;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The clusters a proxy runs, kept across snapshots. The snapshot compiler asks for the clusters of
 * a new snapshot with {@link #prepare}: a cluster whose config did not change is the same instance
 * (its health verdicts, ejections, counters and connection pools survive the reload); a new or
 * changed config gets a new cluster. Once the snapshot is in force, {@link Update#commit()} starts
 * the new clusters and closes those no snapshot uses any more; if compiling fails,
 * {@link Update#abort()} discards the new ones and nothing changes.
 *
 * <p>Updates are expected one at a time (reloads are serialized); methods are synchronized anyway.
 */
public final class ClusterRegistry implements AutoCloseable {

    private final ClusterRuntime runtime;
    private Map<String, DefaultCluster> active = Map.of();

    /** A registry whose clusters run on {@code runtime}. */
    public ClusterRegistry(ClusterRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The clusters of the last committed update, by name. */
    public synchronized Map<String, DefaultCluster> active() {
        return active;
    }

    /**
     * The clusters for {@code configs}, reusing those whose config is unchanged.
     *
     * @throws IllegalArgumentException when two configs have the same name
     */
    public synchronized Update prepare(Collection<ClusterConfig> configs) {
        Map<String, DefaultCluster> next = new LinkedHashMap<>();
        List<DefaultCluster> created = new ArrayList<>();
        for (ClusterConfig c : configs) {
            if (next.containsKey(c.name())) {
                throw new IllegalArgumentException("clusters: " + c.name() + " defined twice (expected: unique names)");
            }
            DefaultCluster existing = active.get(c.name());
            if (existing != null && existing.config().equals(c)) {
                next.put(c.name(), existing);
            } else {
                DefaultCluster fresh = new DefaultCluster(c, runtime);
                created.add(fresh);
                next.put(c.name(), fresh);
            }
        }
        return new Update(next, created);
    }

    /** Closes every active cluster. */
    @Override
    public synchronized void close() {
        for (DefaultCluster c : active.values()) {
            c.close();
        }
        active = Map.of();
    }

    private synchronized void commit(Update u) {
        Map<String, DefaultCluster> previous = active;
        active = Map.copyOf(u.clusters);
        for (DefaultCluster c : u.created) {
            c.start();
        }
        for (Map.Entry<String, DefaultCluster> e : previous.entrySet()) {
            if (u.clusters.get(e.getKey()) != e.getValue()) {
                e.getValue().close();
            }
        }
    }

    /** The clusters of one snapshot under construction. */
    public final class Update {
        private final Map<String, DefaultCluster> clusters;
        private final List<DefaultCluster> created;
        private boolean done;

        private Update(Map<String, DefaultCluster> clusters, List<DefaultCluster> created) {
            this.clusters = clusters;
            this.created = created;
        }

        /** The clusters by name, for the snapshot. */
        public Map<String, Cluster> clusters() {
            return Collections.unmodifiableMap(clusters);
        }

        /** The cluster named {@code name}, or null. */
        public @Nullable DefaultCluster cluster(String name) {
            return clusters.get(name);
        }

        /** Makes these clusters the active ones: starts the new, closes the retired. Call once the snapshot is in force. */
        public void commit() {
            finish();
            ClusterRegistry.this.commit(this);
        }

        /** Discards the clusters this update created. */
        public void abort() {
            finish();
            for (DefaultCluster c : created) {
                c.close();
            }
        }

        private void finish() {
            if (done) {
                throw new IllegalStateException("update already committed or aborted");
            }
            done = true;
        }
    }
}
