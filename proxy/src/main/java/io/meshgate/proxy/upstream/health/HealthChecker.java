package io.meshgate.proxy.upstream.health;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each host of a cluster every {@code interval} and records the verdict on the host:
 * {@code unhealthyThreshold} failures in a row fail a healthy host, {@code healthyThreshold}
 * successes in a row bring it back. A host starts healthy so traffic flows at once; its first
 * check alone decides (as Envoy lets a single first check decide), thresholds apply after that.
 *
 * <p>All state is confined to the scheduler's thread (one event loop): probe completions hop back
 * to it. Each change calls {@code onChange}, which makes the cluster publish a new endpoint set.
 */
public final class HealthChecker {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final String cluster;
    private final HealthCheckConfig config;
    private final Scheduler scheduler;
    private final HealthProbe probe;
    private final Runnable onChange;
    private final List<Target> targets = new ArrayList<>();
    private boolean closed;

    /**
     * Checks {@code hosts}.
     *
     * @param cluster the cluster name, for logs
     * @param onChange called on the scheduler's thread after a host's verdict changed
     */
    public HealthChecker(String cluster, HealthCheckConfig config, List<Host> hosts, Scheduler scheduler,
                         HealthProbe probe, Runnable onChange) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        for (Host h : hosts) {
            targets.add(new Target(h));
        }
    }

    /** Starts checking: every host is checked at once, then every interval. */
    public void start() {
        scheduler.execute(() -> {
            for (Target t : targets) {
                check(t);
            }
        });
    }

    /** Stops checking and abandons checks in flight. */
    public void close() {
        scheduler.execute(() -> {
            closed = true;
            for (Target t : targets) {
                t.cancel();
            }
        });
    }

    private void check(Target t) {
        if (closed) {
            return;
        }
        t.timer = null;
        CompletableFuture<Boolean> result;
        try {
            result = probe.check(t.host.endpoint(), config);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Boolean> inFlight = result;
        t.inFlight = inFlight;
        Scheduler.Cancellable deadline = scheduler.schedule(() -> inFlight.cancel(false), config.timeout().toNanos());
        inFlight.whenComplete((healthy, error) -> scheduler.execute(() -> {
            deadline.cancel();
            if (closed || t.inFlight != inFlight) {
                return;
            }
            t.inFlight = null;
            boolean ok = error == null && Boolean.TRUE.equals(healthy);
            if (!ok && log.isDebugEnabled()) {
                log.debug("cluster {}: health check of {} failed: {}", cluster, t.host.endpoint().authority(),
                        error != null ? error.toString() : "unexpected answer");
            }
            record(t, ok);
            t.timer = scheduler.schedule(() -> check(t), config.interval().toNanos());
        }));
    }

    private void record(Target t, boolean ok) {
        boolean first = !t.checked;
        t.checked = true;
        boolean failed = t.host.failedHealthCheck();
        if (ok) {
            t.failures = 0;
            t.successes++;
            if (failed && (first || t.successes >= config.healthyThreshold())) {
                t.host.failedHealthCheck(false);
                log.info("cluster {}: {} is healthy", cluster, t.host.endpoint().authority());
                onChange.run();
            }
        } else {
            t.successes = 0;
            t.failures++;
            if (!failed && (first || t.failures >= config.unhealthyThreshold())) {
                t.host.failedHealthCheck(true);
                log.warn("cluster {}: {} is unhealthy after {} failed check(s) of {} every {} ms", cluster,
                        t.host.endpoint().authority(), t.failures, config.type() == HealthCheckConfig.Type.HTTP
                                ? config.method() + " " + config.path() : "TCP connect",
                        TimeUnit.NANOSECONDS.toMillis(config.interval().toNanos()));
                onChange.run();
            }
        }
    }

    /** The check state of one host; touched only on the scheduler's thread. */
    private static final class Target {
        final Host host;
        int successes;
        int failures;
        boolean checked;
        Scheduler.@Nullable Cancellable timer;
        @Nullable CompletableFuture<Boolean> inFlight;

        Target(Host host) {
            this.host = host;
        }

        void cancel() {
            if (timer != null) {
                timer.cancel();
            }
            if (inFlight != null) {
                inFlight.cancel(false);
            }
        }
    }
}
