package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.proxy.server.ProxyServerOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A compiled snapshot served on 127.0.0.1 ephemeral ports, and a client for it: the snapshot ITs' setup. */
final class LoopbackProxy {

    private LoopbackProxy() {
    }

    /** Starts a server for {@code compiled} with every listener moved to 127.0.0.1:0. */
    static ProxyServer start(ProxySnapshot compiled, int eventLoops) {
        List<ListenerPort> ports = new ArrayList<>();
        for (ListenerPort p : compiled.ports()) {
            ports.add(new ListenerPort("127.0.0.1", 0, p.tls(), p.routes(), p.limits()));
        }
        SnapshotHolder holder = new SnapshotHolder(new ProxySnapshot(1, ports, compiled.clusters(), "{}"));
        return new ProxyServer(holder, ProxyServerOptions.defaults().withEventLoopThreads(eventLoops)).start();
    }

    /** {@code http://127.0.0.1:<port>} of the server's (first) listener. */
    static String base(ProxyServer server) {
        return "http://127.0.0.1:" + server.localPort("127.0.0.1", 0);
    }

    /** An HTTP/1.1 JDK client. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
