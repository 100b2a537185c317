package io.meshgate.proxy.route;

/** The conditions that make a try retriable (Envoy Gateway {@code retry.retryOn.triggers}). */
public enum RetryTrigger {
    /** Any 5xx response, connect failure or reset. */
    FIVE_XX,
    /** 502, 503, 504, connect failure or reset. */
    GATEWAY_ERROR,
    /** The upstream connection could not be made. */
    CONNECT_FAILURE,
    /** The upstream reset or closed the connection before a response head. */
    RESET,
    /** A response with one of the policy's retriable status codes. */
    RETRIABLE_STATUS_CODES,
    /** 409 Conflict. */
    RETRIABLE_4XX,
    /** HTTP/2 REFUSED_STREAM. */
    REFUSED_STREAM
}
