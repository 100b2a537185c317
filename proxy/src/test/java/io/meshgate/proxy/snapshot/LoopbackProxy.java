package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.filter.transform.TransformFilterCompiler;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.proxy.server.ProxyServerOptions;
import io.meshgate.testkit.FakeUpstream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

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

    /** A compiler that also knows the meshgate.io TransformFilter extension, its work done on {@code loops}. */
    static Compiling withTransforms(EventLoopGroup loops) {
        Compiling c = new Compiling();
        c.extensions.add(new TransformFilterCompiler(new PolicyEnvironment(loops, Clock.systemUTC(),
                new SimpleMeterRegistry())));
        return c;
    }

    /** Closes what a test class started, whatever of it did start. */
    static void stop(@Nullable ProxyServer server, @Nullable EventLoopGroup loops, @Nullable FakeUpstream... upstreams) {
        if (server != null) {
            server.close();
        }
        for (FakeUpstream u : upstreams) {
            if (u != null) {
                u.close();
            }
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** An HTTP/1.1 JDK client. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
