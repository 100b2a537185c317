package io.meshgate.proxy.upstream.outlier;

import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ejects endpoints that fail real traffic, the way Envoy's outlier detection does: a run of
 * consecutive 5xx, gateway errors or local-origin failures ejects the endpoint for
 * {@code baseEjectionTime × ejections} (capped), unless that would eject more than
 * {@code maxEjectionPercent} of the cluster. A timer on the cluster's {@link Scheduler} ends
 * expired ejections each {@code interval} and lets the multiplier of well-behaved endpoints decay.
 *
 * <p>{@link #record} runs on any event loop: counting is lock-free, and only an ejection (rare)
 * takes a lock. Every change of an ejection flag is followed by {@code onChange}, which makes the
 * cluster publish a new endpoint set.
 */
public final class OutlierDetector {

    private static final Logger log = LoggerFactory.getLogger(OutlierDetector.class);

    private final String cluster;
    private final OutlierConfig config;
    private final List<Host> hosts;
    private final HostRecord[] records;
    private final Scheduler scheduler;
    private final Runnable onChange;
    private Scheduler.@Nullable Cancellable timer;
    private volatile boolean closed;

    /**
     * Watches {@code hosts}, whose {@link Host#index()} must be their position in the list.
     *
     * @param cluster the cluster name, for logs
     * @param onChange called (outside any lock) after an ejection starts or ends
     */
    public OutlierDetector(String cluster, OutlierConfig config, List<Host> hosts, Scheduler scheduler,
                           Runnable onChange) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.config = Objects.requireNonNull(config, "config");
        this.hosts = List.copyOf(hosts);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.records = new HostRecord[this.hosts.size()];
        for (int i = 0; i < records.length; i++) {
            if (this.hosts.get(i).index() != i) {
                throw new IllegalArgumentException("hosts[" + i + "].index: " + this.hosts.get(i).index()
                        + " (expected: " + i + ")");
            }
            records[i] = new HostRecord();
        }
    }

    /** Starts the review timer. */
    public void start() {
        scheduleTick();
    }

    /** Stops the review timer; ejections in force stay as they are. */
    public void close() {
        closed = true;
        scheduler.execute(() -> {
            if (timer != null) {
                timer.cancel();
            }
        });
    }

    /** How many times {@code host} has been ejected, less the decay; for status pages. */
    public int ejectionMultiplier(Host host) {
        synchronized (this) {
            return records[host.index()].ejections;
        }
    }

    /** Counts the outcome of one try at {@code host} and ejects it when a threshold is reached. */
    public void record(Host host, Outcome outcome) {
        HostRecord r = records[host.index()];
        boolean split = config.splitExternalLocalOriginErrors();
        switch (outcome) {
            case SUCCESS -> {
                reset(r.consecutive5xx);
                reset(r.consecutiveGateway);
                reset(r.consecutiveLocal);
            }
            case SERVER_ERROR -> {
                reset(r.consecutiveGateway);
                if (split) {
                    reset(r.consecutiveLocal);
                }
                count5xx(host, r);
            }
            case GATEWAY_ERROR -> {
                if (split) {
                    reset(r.consecutiveLocal);
                }
                countGateway(host, r);
            }
            case CONNECT_FAILURE, RESET, TIMEOUT -> {
                if (split) {
                    if (hits(r.consecutiveLocal, config.consecutiveLocalOriginFailures())) {
                        eject(host, "consecutive local-origin failures");
                    }
                } else {
                    countGateway(host, r);
                }
            }
        }
    }

    private void countGateway(Host host, HostRecord r) {
        if (hits(r.consecutiveGateway, config.consecutiveGatewayErrors())) {
            eject(host, "consecutive gateway errors");
        }
        count5xx(host, r);
    }

    private void count5xx(Host host, HostRecord r) {
        if (hits(r.consecutive5xx, config.consecutive5xx())) {
            eject(host, "consecutive 5xx");
        }
    }

    /** Counts one more failure; true when the run reaches {@code threshold} (the count starts over). */
    private static boolean hits(AtomicInteger counter, int threshold) {
        if (threshold == 0) {
            return false;
        }
        if (counter.incrementAndGet() >= threshold) {
            counter.set(0);
            return true;
        }
        return false;
    }

    private static void reset(AtomicInteger counter) {
        // Read first: a success is the common case, and a write would bounce the cache line between loops.
        if (counter.get() != 0) {
            counter.set(0);
        }
    }

    private void eject(Host host, String reason) {
        long durationNanos;
        synchronized (this) {
            if (host.ejected() || !ejectionAllowed()) {
                return;
            }
            HostRecord r = records[host.index()];
            r.ejections++;
            long base = config.baseEjectionTime().toNanos();
            long cap = Math.max(base, config.maxEjectionTime().toNanos());
            durationNanos = Math.min(cap, base * Math.min(r.ejections, cap / base + 1));
            r.ejectedUntil = scheduler.nanoTime() + durationNanos;
            host.ejected(true);
        }
        log.warn("cluster {}: ejected {} for {} ms ({})", cluster, host.endpoint().authority(),
                durationNanos / 1_000_000, reason);
        onChange.run();
    }

    /** Envoy's rule: at least one ejection, more while they stay within the percentage. Holds the lock. */
    private boolean ejectionAllowed() {
        int ejected = 0;
        for (Host h : hosts) {
            if (h.ejected()) {
                ejected++;
            }
        }
        return ejected == 0 || (ejected + 1) * 100L <= (long) config.maxEjectionPercent() * hosts.size();
    }

    private void scheduleTick() {
        if (!closed) {
            timer = scheduler.schedule(this::tick, config.interval().toNanos());
        }
    }

    /** Ends expired ejections and decays the multiplier of endpoints not ejected. Runs on the scheduler. */
    void tick() {
        if (closed) {
            return;
        }
        boolean changed = false;
        long now = scheduler.nanoTime();
        synchronized (this) {
            for (Host h : hosts) {
                HostRecord r = records[h.index()];
                if (h.ejected()) {
                    if (now - r.ejectedUntil >= 0) {
                        h.ejected(false);
                        changed = true;
                        log.info("cluster {}: {} returns from ejection", cluster, h.endpoint().authority());
                    }
                } else if (r.ejections > 0) {
                    r.ejections--;
                }
            }
        }
        if (changed) {
            onChange.run();
        }
        scheduleTick();
    }

    /** Per-host counters: runs of failures (lock-free) and ejection state (under the detector's lock). */
    private static final class HostRecord {
        final AtomicInteger consecutive5xx = new AtomicInteger();
        final AtomicInteger consecutiveGateway = new AtomicInteger();
        final AtomicInteger consecutiveLocal = new AtomicInteger();
        int ejections;
        long ejectedUntil;
    }
}
