package io.meshgate.proxy.telemetry;

import org.jspecify.annotations.Nullable;

/**
 * What happened in one finished exchange: the facts metrics, access logs and traces are made of.
 * Built by the engine once per exchange, when the last response byte is written or the exchange fails.
 *
 * @param requestId the x-request-id
 * @param protocol {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}
 * @param method request method
 * @param authority the authority the client asked for
 * @param path the request path as received (with query)
 * @param clientAddress the client IP (after trusted X-Forwarded-For)
 * @param routeId the matched route id, or null when no route matched
 * @param cluster the cluster of the last try, or null when none was tried
 * @param endpoint {@code host:port} of the last try, or null
 * @param status the status sent to the client (0 when the connection died before a response head)
 * @param responseFlag why the proxy answered by itself, or null: {@code no_route}, {@code no_healthy_upstream},
 *     {@code upstream_connect_failure}, {@code upstream_reset}, {@code upstream_timeout}, {@code request_timeout},
 *     {@code circuit_open}, {@code unresolved_backend}, {@code local_reply} (a filter answered), {@code downstream_reset}
 * @param attempts tries made at the upstream (0 when none)
 * @param requestBytes body bytes received from the client
 * @param responseBytes body bytes sent to the client
 * @param startEpochMillis wall-clock start, for logs
 * @param durationNanos from request head received to last response byte written
 * @param upstreamNanos from first upstream try start to upstream response head, or -1
 * @param userAgent the User-Agent header, or null
 */
public record ExchangeRecord(String requestId, String protocol, String method, String authority, String path,
                             String clientAddress, @Nullable String routeId, @Nullable String cluster,
                             @Nullable String endpoint, int status, @Nullable String responseFlag, int attempts,
                             long requestBytes, long responseBytes, long startEpochMillis, long durationNanos,
                             long upstreamNanos, @Nullable String userAgent) {
}
