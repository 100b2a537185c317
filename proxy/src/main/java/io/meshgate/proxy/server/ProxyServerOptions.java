package io.meshgate.proxy.server;

import io.meshgate.proxy.telemetry.ProxyListener;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Process-level settings of a {@link ProxyServer} (everything per-port comes from the snapshot).
 *
 * @param eventLoopThreads event loops serving both downstream and upstream connections (expected: &gt;= 1;
 *     default: the number of CPUs)
 * @param listener telemetry sink told of every finished exchange and connection
 * @param preferNativeTransport use epoll when available (default true); false forces NIO
 * @param upstreamTrust trust anchors for upstream TLS (e.g. the mesh trust bundle); empty means the JDK's defaults
 */
public record ProxyServerOptions(int eventLoopThreads, ProxyListener listener, boolean preferNativeTransport,
                                 List<X509Certificate> upstreamTrust) {

    public ProxyServerOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads: " + eventLoopThreads + " (expected: >= 1)");
        }
        Objects.requireNonNull(listener, "listener");
        upstreamTrust = List.copyOf(upstreamTrust);
    }

    /** One event loop per CPU, no telemetry, epoll when available. */
    public static ProxyServerOptions defaults() {
        return new ProxyServerOptions(Runtime.getRuntime().availableProcessors(), ProxyListener.NOOP, true, List.of());
    }

    /** These options with {@code threads} event loops. */
    public ProxyServerOptions withEventLoopThreads(int threads) {
        return new ProxyServerOptions(threads, listener, preferNativeTransport, upstreamTrust);
    }

    /** These options reporting to {@code listener}. */
    public ProxyServerOptions withListener(ProxyListener listener) {
        return new ProxyServerOptions(eventLoopThreads, listener, preferNativeTransport, upstreamTrust);
    }

    /** These options trusting {@code anchors} (instead of the JDK's defaults) for upstream TLS. */
    public ProxyServerOptions withUpstreamTrust(List<X509Certificate> anchors) {
        return new ProxyServerOptions(eventLoopThreads, listener, preferNativeTransport, anchors);
    }
}
