package io.meshgate.proxy.upstream;

/** How one try at an endpoint ended, as reported by the engine to its cluster. */
public enum Outcome {
    /** A response with status below 500. */
    SUCCESS,
    /** A 5xx response other than 502/503/504. */
    SERVER_ERROR,
    /** A 502, 503 or 504 response. */
    GATEWAY_ERROR,
    /** The TCP/TLS connection could not be made. */
    CONNECT_FAILURE,
    /** The connection was reset or closed before the response ended. */
    RESET,
    /** The try timed out. */
    TIMEOUT
}
