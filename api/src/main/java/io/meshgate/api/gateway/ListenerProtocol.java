package io.meshgate.api.gateway;

/** The protocols a meshgate listener speaks; spelled as in YAML. */
public enum ListenerProtocol {
    /** Cleartext HTTP/1.1 and HTTP/2 with prior knowledge (h2c). */
    HTTP,
    /** TLS terminated at the listener, then HTTP/1.1 or HTTP/2 chosen by ALPN. */
    HTTPS
}
