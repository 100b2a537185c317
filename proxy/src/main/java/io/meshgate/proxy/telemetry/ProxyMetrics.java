package io.meshgate.proxy.telemetry;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.EndpointStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The proxy's Prometheus metrics: a {@link ProxyListener} that counts exchanges, connections and
 * rejections, plus endpoint health and ejection read from the clusters at scrape time.
 *
 * <p>Listener methods run on event loops and only touch cached meters and atomics (see
 * {@link RequestMeters}); tags are built once per label combination. Other components register
 * their own meters in {@link #registry()}.
 */
public final class ProxyMetrics implements ProxyListener {

    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Supplier<? extends Collection<Cluster>> clusters;
    private final RequestMeters requests;
    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<Endpoint, AtomicInteger>> upstream =
            new ConcurrentHashMap<>();
    private final AtomicReference<PortGauge[]> ports = new AtomicReference<>(new PortGauge[0]);
    private final List<JsonAccessLog> boundLogs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MultiGauge healthy;
    private final MultiGauge ejected;
    private final MultiGauge active;

    /**
     * Creates the metrics.
     *
     * @param clusters the clusters in force now (typically those of the current snapshot), read at each scrape
     */
    public ProxyMetrics(Supplier<? extends Collection<Cluster>> clusters) {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clusters);
    }

    /** Creates the metrics in {@code registry}. */
    public ProxyMetrics(PrometheusMeterRegistry registry, Supplier<? extends Collection<Cluster>> clusters) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.requests = new RequestMeters(registry);
        this.healthy = MultiGauge.builder(MetricNames.ENDPOINT_HEALTHY)
                .description("1 while active health checks pass the endpoint").register(registry);
        this.ejected = MultiGauge.builder(MetricNames.ENDPOINT_EJECTED)
                .description("1 while outlier detection ejects the endpoint").register(registry);
        this.active = MultiGauge.builder(MetricNames.ENDPOINT_ACTIVE_REQUESTS)
                .description("Tries in flight at the endpoint").register(registry);
    }

    /** The registry, for other components' meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void onExchange(ExchangeRecord r) {
        requests.record(r.routeId(), r.cluster(), r.method(), r.status(), r.durationNanos(), r.attempts(),
                r.responseFlag());
    }

    @Override
    public void onDownstreamConnection(int port, int delta) {
        portGauge(port).open.addAndGet(delta);
    }

    @Override
    public void onUpstreamConnection(Cluster cluster, Endpoint endpoint, int delta) {
        ConcurrentHashMap<Endpoint, AtomicInteger> byEndpoint = upstream.get(cluster.name());
        if (byEndpoint == null) {
            byEndpoint = upstream.computeIfAbsent(cluster.name(), c -> new ConcurrentHashMap<>());
        }
        AtomicInteger open = byEndpoint.get(endpoint);
        if (open == null) {
            open = byEndpoint.computeIfAbsent(endpoint, e -> registerUpstream(cluster.name(), e));
        }
        open.addAndGet(delta);
    }

    @Override
    public void onRejected(String reason) {
        Counter c = rejections.get(reason);
        if (c == null) {
            c = rejections.computeIfAbsent(reason, r -> Counter.builder(MetricNames.REJECTIONS)
                    .description("Requests refused at admission").tag(MetricNames.REASON, r).register(registry));
        }
        c.increment();
    }

    /** Exports the access log's drop count. */
    public void bind(JsonAccessLog accessLog) {
        FunctionCounter.builder(MetricNames.ACCESS_LOG_DROPPED, accessLog, JsonAccessLog::dropped)
                .description("Access-log lines dropped because the writer fell behind").register(registry);
        // Micrometer holds the counted object weakly; keep the log reachable for as long as the metrics.
        boundLogs.add(accessLog);
    }

    /** Exports the version of the snapshot in force. */
    public void bindSnapshotVersion(Supplier<Long> version) {
        Gauge.builder(MetricNames.SNAPSHOT_VERSION, version, v -> v.get().doubleValue())
                .description("Version of the configuration snapshot in force")
                .strongReference(true).register(registry);
    }

    /** Writes every metric in the Prometheus text format ({@link #CONTENT_TYPE}). Not for event loops. */
    public void scrape(OutputStream out) throws IOException {
        refreshEndpointGauges();
        registry.scrape(out, CONTENT_TYPE);
    }

    /** Every metric in the Prometheus text format, as a string. Not for event loops. */
    public String scrape() {
        refreshEndpointGauges();
        return registry.scrape(CONTENT_TYPE);
    }

    /** Endpoint state lives in the clusters; copy it into gauge rows just before a scrape. */
    private synchronized void refreshEndpointGauges() {
        List<MultiGauge.Row<?>> health = new ArrayList<>();
        List<MultiGauge.Row<?>> ejection = new ArrayList<>();
        List<MultiGauge.Row<?>> inFlight = new ArrayList<>();
        for (Cluster c : clusters.get()) {
            for (EndpointStatus s : c.endpointStatuses()) {
                Tags tags = Tags.of(MetricNames.CLUSTER, c.name(), MetricNames.ENDPOINT, s.endpoint().authority());
                health.add(MultiGauge.Row.of(tags, s.healthy() ? 1 : 0));
                ejection.add(MultiGauge.Row.of(tags, s.ejected() ? 1 : 0));
                inFlight.add(MultiGauge.Row.of(tags, s.activeRequests()));
            }
        }
        healthy.register(health, true);
        ejected.register(ejection, true);
        active.register(inFlight, true);
    }

    private AtomicInteger registerUpstream(String cluster, Endpoint endpoint) {
        AtomicInteger open = new AtomicInteger();
        Gauge.builder(MetricNames.UPSTREAM_CONNECTIONS, open, AtomicInteger::get)
                .description("Open upstream connections")
                .strongReference(true)
                .tags(MetricNames.CLUSTER, cluster, MetricNames.ENDPOINT, endpoint.authority())
                .register(registry);
        return open;
    }

    private PortGauge portGauge(int port) {
        for (PortGauge g : ports.get()) {
            if (g.port == port) {
                return g;
            }
        }
        synchronized (ports) {
            PortGauge[] current = ports.get();
            for (PortGauge g : current) {
                if (g.port == port) {
                    return g;
                }
            }
            PortGauge g = new PortGauge(port);
            Gauge.builder(MetricNames.DOWNSTREAM_CONNECTIONS, g.open, AtomicInteger::get)
                    .description("Open client connections")
                    .strongReference(true)
                    .tag(MetricNames.PORT, Integer.toString(port))
                    .register(registry);
            PortGauge[] next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = g;
            ports.set(next);
            return g;
        }
    }

    /** Open connections of one listener port; ports are few, so a scanned array beats a boxed-key map. */
    private static final class PortGauge {
        final int port;
        final AtomicInteger open = new AtomicInteger();

        PortGauge(int port) {
            this.port = port;
        }
    }
}
