package io.meshgate.proxy.upstream.cluster;

import io.meshgate.proxy.upstream.EventLoopScheduler;
import io.meshgate.proxy.upstream.Scheduler;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.health.HealthProbe;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.proxy.upstream.health.Http2HealthProbe;
import io.meshgate.proxy.upstream.health.HttpHealthProbe;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Clusters on the proxy's Netty event loops: each cluster's timers and health checks run on one
 * loop of {@code group}, taken in turn.
 */
public final class NettyClusterRuntime implements ClusterRuntime {

    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final AddressResolverGroup<?> resolver;

    /**
     * Creates the runtime.
     *
     * @param group the event loops (the proxy's worker group)
     * @param channelType the client socket channel class of {@code group}'s transport
     * @param resolver resolves endpoint host names without blocking a loop
     */
    public NettyClusterRuntime(EventLoopGroup group, Class<? extends Channel> channelType,
                               AddressResolverGroup<?> resolver) {
        this.group = Objects.requireNonNull(group, "group");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A runtime resolving host names with the JDK resolver (fine when endpoints are IP literals). */
    public NettyClusterRuntime(EventLoopGroup group, Class<? extends Channel> channelType) {
        this(group, channelType, DefaultAddressResolverGroup.INSTANCE);
    }

    @Override
    public Scheduler scheduler() {
        return new EventLoopScheduler(group.next());
    }

    @Override
    public HealthProbe healthProbe(Scheduler scheduler, UpstreamSettings settings) {
        if (!(scheduler instanceof EventLoopScheduler els)) {
            throw new IllegalArgumentException("scheduler: " + scheduler + " (expected: one made by this runtime)");
        }
        boolean h2 = settings.protocol() != UpstreamProtocol.HTTP1;
        SslContext ssl = sslContext(settings, h2);
        // Check the way traffic flows: an h2c-only backend (gRPC) would fail an HTTP/1.1 check.
        return h2 ? new Http2HealthProbe(els.eventLoop(), channelType, ssl, settings.tlsServerName(), resolver)
                : new HttpHealthProbe(els.eventLoop(), channelType, ssl, settings.tlsServerName(), resolver);
    }

    private static @Nullable SslContext sslContext(UpstreamSettings settings, boolean h2) {
        if (!settings.tls()) {
            return null;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (h2) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2));
            }
            if (settings.insecureSkipVerify()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else {
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context of health checks: " + e.getMessage(), e);
        }
    }
}
