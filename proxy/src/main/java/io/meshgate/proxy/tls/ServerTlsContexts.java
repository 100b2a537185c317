package io.meshgate.proxy.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Builds listener (server) TLS contexts: a certificate chain and key in PEM, ALPN offering
 * {@code h2} then {@code http/1.1}, and optional client-certificate validation (mTLS).
 * Snapshot compilation calls this once per certificate; the engine selects among the results by SNI.
 */
public final class ServerTlsContexts {

    private ServerTlsContexts() {
    }

    /**
     * A server context from PEM text.
     *
     * @param certificateChainPem the leaf certificate followed by intermediates
     * @param privateKeyPem the PKCS#8 (or PKCS#1/SEC1) private key
     * @throws IllegalArgumentException when the PEM cannot be read, with the reason
     */
    public static SslContext fromPem(String certificateChainPem, String privateKeyPem) {
        return fromPem(certificateChainPem, privateKeyPem, null, ClientAuth.NONE);
    }

    /**
     * A server context from PEM text that validates client certificates against {@code clientCaPem}.
     *
     * @param clientCaPem trusted CAs for client certificates, or null for none
     * @param clientAuth whether a client certificate is required, optional or not asked for
     */
    public static SslContext fromPem(String certificateChainPem, String privateKeyPem, @Nullable String clientCaPem,
                                     ClientAuth clientAuth) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(stream(certificateChainPem), stream(privateKeyPem));
            if (clientCaPem != null) {
                b.trustManager(stream(clientCaPem)).clientAuth(clientAuth);
            }
            return withAlpn(b).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid TLS certificate or key: " + e.getMessage(), e);
        }
    }

    /**
     * A server context from PEM text, in the shape of the snapshot compiler's TLS factory.
     *
     * @param clientCaPem CAs for client certificates (mTLS), or null to ask for none
     * @param clientCertificateOptional with a CA: accept clients without a certificate
     */
    public static SslContext create(String certificateChainPem, String privateKeyPem, @Nullable String clientCaPem,
                                    boolean clientCertificateOptional) {
        ClientAuth auth = clientCaPem == null ? ClientAuth.NONE
                : clientCertificateOptional ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE;
        return fromPem(certificateChainPem, privateKeyPem, clientCaPem, auth);
    }

    /** A server context from Java objects (tests, the mesh workload certificate). */
    public static SslContext fromKeyAndChain(java.security.PrivateKey key, List<X509Certificate> chain) {
        try {
            return withAlpn(SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("invalid TLS certificate or key: " + e.getMessage(), e);
        }
    }

    /** Adds ALPN (h2, http/1.1) and HTTP/2-compatible ciphers to {@code builder}. */
    public static SslContextBuilder withAlpn(SslContextBuilder builder) {
        return builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
