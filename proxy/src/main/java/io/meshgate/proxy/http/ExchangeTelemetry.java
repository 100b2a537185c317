package io.meshgate.proxy.http;

import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.telemetry.ExchangeRecord;
import io.meshgate.proxy.upstream.Endpoint;
import org.jspecify.annotations.Nullable;

/** The facts an exchange collects for its {@link ExchangeRecord}. */
final class ExchangeTelemetry {

    private final ProxyExchange px;
    private final String method;
    private final String path;
    private final String authority;
    @Nullable String flag;
    int attempts;
    @Nullable String cluster;
    @Nullable Endpoint endpoint;
    long requestBytes;
    long responseBytes;
    long firstTryNanos = -1;
    long upstreamHeadNanos = -1;
    int status;

    ExchangeTelemetry(ProxyExchange px) {
        this.px = px;
        this.method = px.request.method().name();
        this.path = px.x.path();
        this.authority = px.x.authority();
    }

    void tryStarted(Endpoint e, String clusterName) {
        attempts++;
        endpoint = e;
        cluster = clusterName;
        if (firstTryNanos < 0) {
            firstTryNanos = System.nanoTime();
        }
    }

    void upstreamHead() {
        if (upstreamHeadNanos < 0) {
            upstreamHeadNanos = System.nanoTime();
        }
    }

    private String clientIp(Exchange x) {
        if (x.clientAddress() == x.remoteAddress() && !px.handler.peerIp().isEmpty()) {
            return px.handler.peerIp();
        }
        return x.clientAddress().getAddress() == null ? x.clientAddress().getHostString()
                : x.clientAddress().getAddress().getHostAddress();
    }

    void report() {
        Exchange x = px.x;
        Route r = px.route;
        long now = System.nanoTime();
        ExchangeRecord rec = new ExchangeRecord(x.requestId(), x.protocol(), method, authority, path,
                clientIp(x),
                r == null ? null : r.id(), cluster, endpoint == null ? null : endpoint.authority(), status, flag,
                attempts, requestBytes, responseBytes, px.startMillis, now - px.startNanos,
                firstTryNanos < 0 || upstreamHeadNanos < 0 ? -1 : upstreamHeadNanos - firstTryNanos,
                x.requestHeaders().get("user-agent"));
        try {
            px.handler.services().listener().onExchange(rec);
        } catch (RuntimeException e) {
            // telemetry must never break the data path
        }
    }
}
