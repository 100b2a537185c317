package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.ResourceSet;
import io.meshgate.proxy.route.DefaultRouteTable;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.upstream.Scheduler;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.cluster.ClusterRegistry;
import io.meshgate.proxy.upstream.cluster.ClusterRuntime;
import io.meshgate.proxy.upstream.health.HealthProbe;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Compiles inline YAML for snapshot compiler tests, keeping clusters across compiles like a gateway. */
final class Compiling {

    /** Clusters without health checks never ask for timers; a test that needs them must not use this. */
    static final ClusterRuntime NO_TIMERS = new ClusterRuntime() {
        @Override
        public Scheduler scheduler() {
            throw new UnsupportedOperationException("no timers in snapshot compiler tests");
        }

        @Override
        public HealthProbe healthProbe(Scheduler scheduler, UpstreamSettings settings) {
            throw new UnsupportedOperationException("no health probes in snapshot compiler tests");
        }
    };

    static final ServerTlsFactory TLS = (chain, key, ca, optional) -> {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(stream(chain), stream(key));
            if (ca != null) {
                b.trustManager(stream(ca));
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid TLS certificate or key: " + e.getMessage(), e);
        }
    };

    final ClusterRegistry registry = new ClusterRegistry(NO_TIMERS);
    final List<PolicyCompiler<?>> policies = new ArrayList<>();
    @Nullable TrafficPolicyTranslator translator;
    final List<ExtensionFilterCompiler<?>> extensions = new ArrayList<>();
    private long version;

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    static ResourceSet load(String yaml) {
        LoadResult r = new ConfigLoader().load("test.yaml", yaml);
        assertThat(r.errors()).as("the test config must be valid").isEmpty();
        return r.resources();
    }

    private @Nullable SnapshotCompiler compiler;

    /** The compiler, made on first use and then kept (it caches across compiles, as in a gateway). */
    SnapshotCompiler compiler() {
        if (compiler == null) {
            compiler = new SnapshotCompiler(registry, policies, extensions, translator, TLS);
        }
        return compiler;
    }

    /** Compiles and commits, as a reload does. */
    ProxySnapshot apply(String yaml) {
        SnapshotCompiler.Result r = compiler().compile(load(yaml), ++version);
        assertThat(r).as("compile result").isInstanceOf(SnapshotCompiler.Result.Compiled.class);
        SnapshotCompiler.Result.Compiled c = (SnapshotCompiler.Result.Compiled) r;
        c.clusters().commit();
        return c.snapshot();
    }

    SnapshotCompiler.Result compile(String yaml) {
        return compiler().compile(load(yaml), ++version);
    }

    static ListenerPort port(ProxySnapshot s, int port) {
        return s.ports().stream().filter(p -> p.port() == port).findFirst().orElseThrow();
    }

    static @Nullable Route match(ProxySnapshot s, int port, String method, String host, String target,
                                 String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return ((DefaultRouteTable) port(s, port).routes()).match(HttpMethod.valueOf(method), host, target, h);
    }

    static Route get(ProxySnapshot s, int port, String host, String target) {
        Route r = match(s, port, "GET", host, target);
        assertThat(r).as("route for %s%s", host, target).isNotNull();
        return r;
    }
}
