package io.meshgate.proxy.runtime;

import io.meshgate.api.ConfigLoader;
import io.meshgate.proxy.reload.ConfigReloader;
import io.meshgate.proxy.snapshot.BuiltinExtensionFilters;
import io.meshgate.proxy.snapshot.BuiltinPolicies;
import io.meshgate.proxy.snapshot.ExtensionFilterCompiler;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import io.meshgate.proxy.snapshot.ServerTlsFactory;
import io.meshgate.proxy.snapshot.SnapshotCompiler;
import io.meshgate.proxy.tls.ServerTlsContexts;
import io.meshgate.proxy.upstream.cluster.ClusterRegistry;
import io.meshgate.proxy.upstream.cluster.NettyClusterRuntime;
import io.meshgate.proxy.upstream.policy.BackendTrafficPolicyTranslator;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parts that turn config into snapshots, and live as long as the gateway: one control thread
 * (cluster health checks and timers, policy clients such as Redis or JWKS), the cluster registry,
 * the policy compilers and the reloader. The data path never runs on the control thread.
 */
final class ControlPlaneParts implements AutoCloseable {

    /** Listener TLS contexts with the engine's ALPN settings and optional client-certificate validation. */
    static final ServerTlsFactory TLS = (chain, key, ca, optional) -> ServerTlsContexts.fromPem(chain, key, ca,
            ca == null ? ClientAuth.NONE : optional ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);

    final EventLoopGroup control;
    final ClusterRegistry clusters;
    final List<PolicyCompiler<?>> policies;
    final List<ExtensionFilterCompiler<?>> extensions;
    final ConfigReloader reloader;

    ControlPlaneParts(Path config, Path configDir, MeterRegistry meters) {
        this.control = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("meshgate-control", true),
                NioIoHandler.newFactory());
        this.clusters = new ClusterRegistry(new NettyClusterRuntime(control, NioSocketChannel.class));
        PolicyEnvironment env = new PolicyEnvironment(control, Clock.systemUTC(), meters, configDir);
        this.policies = BuiltinPolicies.create(env);
        this.extensions = BuiltinExtensionFilters.create(env);
        SnapshotCompiler compiler = new SnapshotCompiler(clusters, policies, extensions,
                new BackendTrafficPolicyTranslator(), TLS);
        this.reloader = new ConfigReloader(config, new ConfigLoader(), compiler);
    }

    @Override
    public void close() {
        for (PolicyCompiler<?> p : policies) {
            try {
                p.close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ControlPlaneParts.class)
                        .warn("closing policy compiler {} failed", p.getClass().getSimpleName(), e);
            }
        }
        for (ExtensionFilterCompiler<?> e : extensions) {
            e.close();
        }
        clusters.close();
        control.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
