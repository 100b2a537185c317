package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.route.RequestMirror;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.route.WeightedBackend;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.proxy.server.ProxyServerOptions;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.snapshot.ProxySnapshot;
import io.meshgate.proxy.snapshot.SnapshotHolder;
import io.meshgate.proxy.telemetry.ExchangeRecord;
import io.meshgate.proxy.telemetry.ProxyListener;
import io.meshgate.proxy.upstream.Cluster;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Starts a real {@link ProxyServer} on 127.0.0.1:0 from a hand-built snapshot, and records its exchanges. */
final class ProxyHarness implements AutoCloseable {

    final BlockingQueue<ExchangeRecord> records = new LinkedBlockingQueue<>();
    final SnapshotHolder holder;
    final ProxyServer server;
    private final List<PortSpec> specs;

    record PortSpec(TestRouteTable routes, ListenerLimits limits, @Nullable Mapping<String, SslContext> tls) {
    }

    private ProxyHarness(List<PortSpec> specs, Map<String, Cluster> clusters, int loops, List<X509Certificate> trust) {
        this.specs = specs;
        this.holder = new SnapshotHolder(snapshot(1, specs, clusters));
        ProxyListener listener = new ProxyListener() {
            @Override
            public void onExchange(ExchangeRecord record) {
                records.add(record);
            }
        };
        this.server = new ProxyServer(holder, ProxyServerOptions.defaults().withEventLoopThreads(loops).withListener(listener)
                .withUpstreamTrust(trust));
        server.start();
    }

    static ProxySnapshot snapshot(long version, List<PortSpec> specs, Map<String, Cluster> clusters) {
        List<ListenerPort> ports = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            PortSpec s = specs.get(i);
            // port 0 is bound per address; give each extra listener its own loopback address
            ports.add(new ListenerPort("127.0.0." + (i + 1), 0, s.tls(), s.routes(), s.limits()));
        }
        return new ProxySnapshot(version, ports, clusters, "{}");
    }

    static ProxyHarness start(TestRouteTable routes, Cluster... clusters) {
        return start(routes, ListenerLimits.DEFAULTS, null, clusters);
    }

    static ProxyHarness start(TestRouteTable routes, ListenerLimits limits, @Nullable Mapping<String, SslContext> tls,
                              Cluster... clusters) {
        return start(routes, limits, tls, List.of(), clusters);
    }

    static ProxyHarness start(TestRouteTable routes, ListenerLimits limits, @Nullable Mapping<String, SslContext> tls,
                              List<X509Certificate> upstreamTrust, Cluster... clusters) {
        Map<String, Cluster> m = new HashMap<>();
        for (Cluster c : clusters) {
            m.put(c.name(), c);
        }
        return new ProxyHarness(List.of(new PortSpec(routes, limits, tls)), m, 2, upstreamTrust);
    }

    int port() {
        return server.localPort("127.0.0.1", 0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    ExchangeRecord nextRecord() throws InterruptedException {
        ExchangeRecord r = records.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no exchange record within 10 s");
        }
        return r;
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- route builders

    static Route route(String id, Cluster cluster) {
        return route(id, cluster, RetryPolicy.NONE, RouteTimeouts.NONE);
    }

    static Route route(String id, Cluster cluster, RetryPolicy retry, RouteTimeouts timeouts) {
        return new Route(id, FilterChain.empty(), List.of(new WeightedBackend(cluster.name(), cluster, 1, FilterChain.empty())),
                timeouts, retry, List.of());
    }

    static Route route(String id, Cluster cluster, List<? extends HttpFilter> filters) {
        return new Route(id, FilterChain.of(filters),
                List.of(new WeightedBackend(cluster.name(), cluster, 1, FilterChain.empty())),
                RouteTimeouts.NONE, RetryPolicy.NONE, List.of());
    }

    static Route mirrored(String id, Cluster cluster, Cluster mirror) {
        return new Route(id, FilterChain.empty(), List.of(new WeightedBackend(cluster.name(), cluster, 1, FilterChain.empty())),
                RouteTimeouts.NONE, RetryPolicy.NONE, List.of(new RequestMirror(mirror, 100)));
    }

    static RouteTimeouts timeouts(Duration request, Duration backendRequest) {
        return new RouteTimeouts(request, backendRequest);
    }
}
