package io.meshgate.proxy.upstream.cluster;

import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Scheduler;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.VirtualScheduler;
import io.meshgate.proxy.upstream.health.HealthProbe;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A cluster runtime on virtual time whose probes report the endpoints the test marked down. */
final class VirtualRuntime implements ClusterRuntime {

    final VirtualScheduler clock = new VirtualScheduler();
    final Set<Endpoint> down = new HashSet<>();
    int schedulers;

    @Override
    public Scheduler scheduler() {
        schedulers++;
        return clock;
    }

    @Override
    public HealthProbe healthProbe(Scheduler scheduler, UpstreamSettings settings) {
        return (endpoint, config) -> CompletableFuture.completedFuture(!down.contains(endpoint));
    }
}
