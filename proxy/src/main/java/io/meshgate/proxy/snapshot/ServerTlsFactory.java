package io.meshgate.proxy.snapshot;

import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds a listener's server TLS context (with the engine's ALPN settings) from PEM text. The
 * snapshot compiler calls it once per distinct certificate and client-validation setting and
 * keeps the result across reloads while the inputs stay the same.
 */
@FunctionalInterface
public interface ServerTlsFactory {

    /**
     * A server context.
     *
     * @param certificateChainPem leaf certificate then intermediates
     * @param privateKeyPem the private key
     * @param clientCaPem CAs that sign acceptable client certificates, or null to ask for none
     * @param clientCertificateOptional with a CA: accept clients that send no certificate
     * @throws IllegalArgumentException when the PEM cannot be used, with the reason
     */
    SslContext create(String certificateChainPem, String privateKeyPem, @Nullable String clientCaPem,
                      boolean clientCertificateOptional);
}
