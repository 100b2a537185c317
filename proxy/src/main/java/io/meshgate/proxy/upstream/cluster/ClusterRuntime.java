package io.meshgate.proxy.upstream.cluster;

import io.meshgate.proxy.upstream.Scheduler;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.health.HealthProbe;

/**
 * What clusters need from the running proxy: a scheduler for their timers and a way to probe
 * endpoints. {@link NettyClusterRuntime} is the real one; tests use virtual time and fake probes.
 */
public interface ClusterRuntime {

    /** A scheduler for one new cluster (implementations spread clusters over event loops). */
    Scheduler scheduler();

    /** The health probe of a cluster with {@code settings}, running on {@code scheduler}. */
    HealthProbe healthProbe(Scheduler scheduler, UpstreamSettings settings);
}
