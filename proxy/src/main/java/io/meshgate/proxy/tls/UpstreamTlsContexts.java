package io.meshgate.proxy.tls;

import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS client contexts for upstream connections, one per (protocol, verification mode), built on
 * first use and shared. The server certificate is verified against the JDK trust store plus the
 * extra trust anchors given here (the mesh trust bundle), with hostname verification.
 */
public final class UpstreamTlsContexts {

    private final List<X509Certificate> extraTrust;
    private final Map<Key, SslContext> contexts = new ConcurrentHashMap<>();

    private record Key(boolean h2, boolean insecure) {
    }

    /** Contexts trusting the JDK's default anchors. */
    public UpstreamTlsContexts() {
        this(List.of());
    }

    /** Contexts trusting only {@code trustAnchors} when non-empty, else the JDK's default anchors. */
    public UpstreamTlsContexts(List<X509Certificate> trustAnchors) {
        this.extraTrust = List.copyOf(trustAnchors);
    }

    /**
     * A new handler for a connection to {@code host:port} under {@code settings}: SNI is
     * {@code settings.tlsServerName()} or the host, and the certificate must match that name
     * unless {@code insecureSkipVerify}.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, UpstreamSettings settings, String host, int port) {
        boolean h2 = settings.protocol() == UpstreamProtocol.H2;
        SslContext ctx = contexts.computeIfAbsent(new Key(h2, settings.insecureSkipVerify()), this::build);
        String name = settings.tlsServerName().isEmpty() ? host : settings.tlsServerName();
        SslHandler handler = ctx.newHandler(alloc, name, port);
        if (!settings.insecureSkipVerify()) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return handler;
    }

    private SslContext build(Key key) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (key.insecure()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!extraTrust.isEmpty()) {
                b.trustManager(extraTrust);
            }
            if (key.h2()) {
                b.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                ApplicationProtocolNames.HTTP_2));
            } else {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1));
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build upstream TLS context", e);
        }
    }
}
