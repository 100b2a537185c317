package io.meshgate.proxy.server;

import io.meshgate.proxy.telemetry.ProxyListener;
import java.util.Objects;

/**
 * Process-level settings of a {@link ProxyServer} (everything per-port comes from the snapshot).
 *
 * @param eventLoopThreads event loops serving both downstream and upstream connections (expected: &gt;= 1;
 *     default: the number of CPUs)
 * @param listener telemetry sink told of every finished exchange and connection
 * @param preferNativeTransport use epoll when available (default true); false forces NIO
 */
public record ProxyServerOptions(int eventLoopThreads, ProxyListener listener, boolean preferNativeTransport) {

    public ProxyServerOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads: " + eventLoopThreads + " (expected: >= 1)");
        }
        Objects.requireNonNull(listener, "listener");
    }

    /** One event loop per CPU, no telemetry, epoll when available. */
    public static ProxyServerOptions defaults() {
        return new ProxyServerOptions(Runtime.getRuntime().availableProcessors(), ProxyListener.NOOP, true);
    }

    /** These options with {@code threads} event loops. */
    public ProxyServerOptions withEventLoopThreads(int threads) {
        return new ProxyServerOptions(threads, listener, preferNativeTransport);
    }

    /** These options reporting to {@code listener}. */
    public ProxyServerOptions withListener(ProxyListener listener) {
        return new ProxyServerOptions(eventLoopThreads, listener, preferNativeTransport);
    }
}
