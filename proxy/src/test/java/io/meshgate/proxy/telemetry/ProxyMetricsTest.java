package io.meshgate.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.EndpointStatus;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.UpstreamSettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    private static final String ROUTE = "default/shop/rule/0";
    private static final Endpoint A = new Endpoint("10.0.0.1", 8080, 1);
    private static final Endpoint B = new Endpoint("10.0.0.2", 8080, 1);

    private final List<EndpointStatus> statuses = new ArrayList<>();
    private final Cluster cluster = new StatusCluster("default/shop", statuses);
    private final ProxyMetrics metrics = new ProxyMetrics(() -> List.of(cluster));

    @Test
    void requestsAreCountedByRouteClusterMethodAndStatusClass() {
        metrics.onExchange(Records.of(ROUTE, "default/shop", "GET", 200, 3, 1));
        metrics.onExchange(Records.of(ROUTE, "default/shop", "GET", 204, 7, 1));
        metrics.onExchange(Records.of(ROUTE, "default/shop", "POST", 503, 40, 3));
        metrics.onExchange(Records.of(null, null, "GET", 404, 0, 0));
        metrics.onExchange(Records.of(ROUTE, "default/shop", "BREW", 0, 1, 1));

        String text = metrics.scrape();
        assertThat(text)
                .contains("meshgate_requests_total{cluster=\"default/shop\",method=\"GET\",route=\"" + ROUTE
                        + "\",status_class=\"2xx\"} 2")
                .contains("meshgate_requests_total{cluster=\"default/shop\",method=\"POST\",route=\"" + ROUTE
                        + "\",status_class=\"5xx\"} 1")
                .contains("meshgate_requests_total{cluster=\"none\",method=\"GET\",route=\"none\",status_class=\"4xx\"} 1")
                .contains("meshgate_requests_total{cluster=\"default/shop\",method=\"OTHER\",route=\"" + ROUTE
                        + "\",status_class=\"none\"} 1")
                .contains("meshgate_upstream_retries_total{cluster=\"default/shop\",route=\"" + ROUTE + "\"} 2");
    }

    @Test
    void durationsLandInHistogramBuckets() {
        metrics.onExchange(Records.of(ROUTE, "default/shop", "GET", 200, 3, 1));
        metrics.onExchange(Records.of(ROUTE, "default/shop", "GET", 200, 40, 1));
        String series = "meshgate_request_duration_seconds_bucket{cluster=\"default/shop\",method=\"GET\",route=\""
                + ROUTE + "\",status_class=\"2xx\",le=";
        String text = metrics.scrape();
        assertThat(text)
                .contains(series + "\"0.002\"} 0")
                .contains(series + "\"0.005\"} 1")
                .contains(series + "\"0.025\"} 1")
                .contains(series + "\"0.05\"} 2")
                .contains(series + "\"+Inf\"} 2")
                .contains("meshgate_request_duration_seconds_count{cluster=\"default/shop\",method=\"GET\",route=\""
                        + ROUTE + "\",status_class=\"2xx\"} 2");
    }

    @Test
    void connectionsAreGaugedByPortAndByEndpoint() {
        metrics.onDownstreamConnection(8080, 1);
        metrics.onDownstreamConnection(8080, 1);
        metrics.onDownstreamConnection(8443, 1);
        metrics.onDownstreamConnection(8080, -1);
        metrics.onUpstreamConnection(cluster, A, 1);
        metrics.onUpstreamConnection(cluster, A, 1);
        metrics.onUpstreamConnection(cluster, B, 1);
        metrics.onUpstreamConnection(cluster, B, -1);
        String text = metrics.scrape();
        assertThat(text)
                .contains("meshgate_downstream_connections{port=\"8080\"} 1")
                .contains("meshgate_downstream_connections{port=\"8443\"} 1")
                .contains("meshgate_upstream_connections{cluster=\"default/shop\",endpoint=\"10.0.0.1:8080\"} 2")
                .contains("meshgate_upstream_connections{cluster=\"default/shop\",endpoint=\"10.0.0.2:8080\"} 0");
    }

    @Test
    void endpointHealthAndEjectionAreReadAtScrapeTime() {
        statuses.add(new EndpointStatus(A, true, false, 3));
        statuses.add(new EndpointStatus(B, false, true, 0));
        String text = metrics.scrape();
        assertThat(text)
                .contains("meshgate_endpoint_healthy{cluster=\"default/shop\",endpoint=\"10.0.0.1:8080\"} 1")
                .contains("meshgate_endpoint_healthy{cluster=\"default/shop\",endpoint=\"10.0.0.2:8080\"} 0")
                .contains("meshgate_endpoint_ejected{cluster=\"default/shop\",endpoint=\"10.0.0.2:8080\"} 1")
                .contains("meshgate_endpoint_active_requests{cluster=\"default/shop\",endpoint=\"10.0.0.1:8080\"} 3");

        statuses.set(1, new EndpointStatus(B, true, false, 0));
        statuses.remove(0);
        text = metrics.scrape();
        assertThat(text)
                .contains("meshgate_endpoint_healthy{cluster=\"default/shop\",endpoint=\"10.0.0.2:8080\"} 1")
                .doesNotContain("endpoint=\"10.0.0.1:8080\"");
    }

    @Test
    void rejectionsAreCountedByReason() {
        metrics.onRejected("circuit_open");
        metrics.onRejected("circuit_open");
        metrics.onRejected("no_healthy_upstream");
        assertThat(metrics.scrape())
                .contains("meshgate_rejections_total{reason=\"circuit_open\"} 2")
                .contains("meshgate_rejections_total{reason=\"no_healthy_upstream\"} 1");
    }

    @Test
    void responseFlagsAreCountedByRouteClusterAndFlag() {
        ExchangeRecord r = Records.of(ROUTE, "default/shop", "GET", 503, 1, 1);
        ExchangeRecord flagged = new ExchangeRecord(r.requestId(), r.protocol(), r.method(), r.authority(), r.path(),
                r.clientAddress(), r.routeId(), r.cluster(), r.endpoint(), 503, "circuit_open", 0, 0, 0,
                r.startEpochMillis(), 1, -1, null);
        metrics.onExchange(flagged);
        metrics.onExchange(flagged);
        metrics.onExchange(r);
        assertThat(metrics.scrape()).contains("meshgate_response_flags_total{cluster=\"default/shop\","
                + "flag=\"circuit_open\",route=\"" + ROUTE + "\"} 2");
    }

    @Test
    void snapshotVersionIsExported() {
        metrics.bindSnapshotVersion(() -> 42L);
        assertThat(metrics.scrape()).contains("meshgate_snapshot_version 42");
    }

    @Test
    void recordingAKnownCombinationAllocatesAlmostNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ExchangeRecord r = Records.of(ROUTE, "default/shop", "GET", 200, 3, 1);
        for (int i = 0; i < 20_000; i++) {
            metrics.onExchange(r);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            metrics.onExchange(r);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // Building tags per exchange would cost hundreds of bytes each, tens of megabytes here.
        assertThat(allocated).isLessThan(256 * 1024);
    }

    /** A cluster that only reports statuses. */
    private record StatusCluster(String name, List<EndpointStatus> statuses) implements Cluster {
        @Override public UpstreamSettings settings() { return UpstreamSettings.DEFAULT; }
        @Override public @Nullable Endpoint pick(PickContext context) { return null; }
        @Override public boolean tryAcquireRequest() { return true; }
        @Override public void releaseRequest() { }
        @Override public boolean tryAcquireRetry() { return true; }
        @Override public void releaseRetry() { }
        @Override public boolean tryAcquireConnection() { return true; }
        @Override public void releaseConnection() { }
        @Override public void onTryStart(Endpoint endpoint) { }
        @Override public void onTryEnd(Endpoint endpoint, Outcome outcome, long latencyNanos) { }
        @Override public List<EndpointStatus> endpointStatuses() { return List.copyOf(statuses); }
        @Override public void close() { }
    }
}
