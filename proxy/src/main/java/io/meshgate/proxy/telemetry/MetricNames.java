package io.meshgate.proxy.telemetry;

/**
 * Every metric and label name the proxy exports, in one place. Names are Micrometer's dotted
 * form; the Prometheus exposition turns them into the {@code meshgate_...} names given in each
 * comment (counters get {@code _total}, timers {@code _seconds}).
 */
public final class MetricNames {

    /** {@code meshgate_requests_total}: finished exchanges, by route, cluster, method and status class. */
    public static final String REQUESTS = "meshgate.requests";
    /** {@code meshgate_request_duration_seconds}: histogram of exchange durations, same labels as requests. */
    public static final String REQUEST_DURATION = "meshgate.request.duration";
    /** {@code meshgate_upstream_retries_total}: tries beyond the first, by route and cluster. */
    public static final String RETRIES = "meshgate.upstream.retries";
    /**
     * {@code meshgate_response_flags_total}: exchanges the proxy answered by itself or cut short, by
     * route, cluster and flag (the {@code responseFlag} of the access log: {@code circuit_open},
     * {@code no_healthy_upstream}, {@code upstream_timeout}, ...).
     */
    public static final String RESPONSE_FLAGS = "meshgate.response.flags";
    /** {@code meshgate_rejections_total}: requests refused at admission, by reason (a response flag). */
    public static final String REJECTIONS = "meshgate.rejections";
    /** {@code meshgate_upstream_connections}: open upstream connections, by cluster and endpoint. */
    public static final String UPSTREAM_CONNECTIONS = "meshgate.upstream.connections";
    /** {@code meshgate_downstream_connections}: open client connections, by listener port. */
    public static final String DOWNSTREAM_CONNECTIONS = "meshgate.downstream.connections";
    /** {@code meshgate_endpoint_healthy}: 1 while active health checks pass an endpoint, else 0. */
    public static final String ENDPOINT_HEALTHY = "meshgate.endpoint.healthy";
    /** {@code meshgate_endpoint_ejected}: 1 while outlier detection ejects an endpoint, else 0. */
    public static final String ENDPOINT_EJECTED = "meshgate.endpoint.ejected";
    /** {@code meshgate_endpoint_active_requests}: tries in flight at an endpoint. */
    public static final String ENDPOINT_ACTIVE_REQUESTS = "meshgate.endpoint.active.requests";
    /** {@code meshgate_access_log_dropped_total}: access-log lines dropped because the writer fell behind. */
    public static final String ACCESS_LOG_DROPPED = "meshgate.access.log.dropped";
    /** {@code meshgate_snapshot_version}: version of the snapshot in force. */
    public static final String SNAPSHOT_VERSION = "meshgate.snapshot.version";

    /** Label: the route id ({@code namespace/route/rule/i}), {@value #NONE} when no route matched. */
    public static final String ROUTE = "route";
    /** Label: the cluster name, {@value #NONE} when no upstream was tried. */
    public static final String CLUSTER = "cluster";
    /** Label: an endpoint's {@code host:port}. */
    public static final String ENDPOINT = "endpoint";
    /** Label: the request method; methods outside RFC 9110's and PATCH are {@code OTHER}. */
    public static final String METHOD = "method";
    /** Label: {@code 1xx} .. {@code 5xx}, or {@value #NONE} when no response was sent. */
    public static final String STATUS_CLASS = "status_class";
    /** Label: a response flag. */
    public static final String FLAG = "flag";
    /** Label: why a request was refused. */
    public static final String REASON = "reason";
    /** Label: a listener port. */
    public static final String PORT = "port";

    /** The value of a label that does not apply. */
    public static final String NONE = "none";

    private MetricNames() {
    }
}
