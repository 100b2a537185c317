package io.meshgate.proxy.upstream;

/** The protocol the proxy speaks to a cluster's endpoints. */
public enum UpstreamProtocol {
    /** HTTP/1.1 with keep-alive connection pools. */
    HTTP1,
    /** HTTP/2 over cleartext with prior knowledge, one multiplexed connection per endpoint. */
    H2C,
    /** HTTP/2 over TLS (ALPN h2). */
    H2
}
