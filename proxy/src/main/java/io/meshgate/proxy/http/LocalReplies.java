package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.FilterResult;

/**
 * The proxy's own error answers: a short JSON body {@code {"status":..,"error":".."}} and the
 * response flag each one reports to telemetry.
 */
final class LocalReplies {

    static final String NO_ROUTE = "no_route";
    static final String NO_HEALTHY_UPSTREAM = "no_healthy_upstream";
    static final String CONNECT_FAILURE = "upstream_connect_failure";
    static final String UPSTREAM_RESET = "upstream_reset";
    static final String UPSTREAM_TIMEOUT = "upstream_timeout";
    static final String REQUEST_TIMEOUT = "request_timeout";
    static final String REQUEST_RECEIVED_TIMEOUT = "request_received_timeout";
    static final String CIRCUIT_OPEN = "circuit_open";
    static final String UNRESOLVED_BACKEND = "unresolved_backend";
    static final String LOCAL_REPLY = "local_reply";
    static final String DOWNSTREAM_RESET = "downstream_reset";

    private LocalReplies() {
    }

    static FilterResult.Respond error(int status, String message) {
        return FilterResult.error(status, message);
    }
}
