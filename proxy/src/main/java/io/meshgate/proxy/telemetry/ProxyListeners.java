package io.meshgate.proxy.telemetry;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import java.util.List;

/** Combines listeners: each event goes to every listener, in order. */
public final class ProxyListeners {

    private ProxyListeners() {
    }

    /** A listener telling {@code listeners}; {@link ProxyListener#NOOP} for none, the listener itself for one. */
    public static ProxyListener of(List<ProxyListener> listeners) {
        if (listeners.isEmpty()) {
            return ProxyListener.NOOP;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        return new Composite(listeners.toArray(new ProxyListener[0]));
    }

    /** A listener telling each of {@code listeners}. */
    public static ProxyListener of(ProxyListener... listeners) {
        return of(List.of(listeners));
    }

    private record Composite(ProxyListener[] listeners) implements ProxyListener {
        @Override
        public void onExchange(ExchangeRecord record) {
            for (ProxyListener l : listeners) {
                l.onExchange(record);
            }
        }

        @Override
        public void onDownstreamConnection(int port, int delta) {
            for (ProxyListener l : listeners) {
                l.onDownstreamConnection(port, delta);
            }
        }

        @Override
        public void onUpstreamConnection(Cluster cluster, Endpoint endpoint, int delta) {
            for (ProxyListener l : listeners) {
                l.onUpstreamConnection(cluster, endpoint, delta);
            }
        }

        @Override
        public void onRejected(String reason) {
            for (ProxyListener l : listeners) {
                l.onRejected(reason);
            }
        }
    }
}
