package io.meshgate.proxy.http;

/** Names of downstream pipeline handlers, shared by the listener (which adds them) and the engine (which removes them on a protocol switch). */
public final class PipelineNames {
    /** TLS (SNI handler, then SslHandler). */
    public static final String TLS = "tls";
    /** ALPN protocol choice after the TLS handshake. */
    public static final String ALPN = "alpn";
    /** Cleartext HTTP/1.1 vs HTTP/2 prior-knowledge detection. */
    public static final String DETECT = "detect";
    /** HTTP/1.x header-read and idle timeouts. */
    public static final String HTTP1_TIMEOUTS = "http1-timeouts";
    /** HTTP/1.x request decoder (with the smuggling defences). */
    public static final String HTTP1_DECODER = "http1-decoder";
    /** HTTP/1.x response encoder. */
    public static final String HTTP1_ENCODER = "http1-encoder";
    /** The exchange handler. */
    public static final String EXCHANGE = "exchange";

    private PipelineNames() {
    }
}
