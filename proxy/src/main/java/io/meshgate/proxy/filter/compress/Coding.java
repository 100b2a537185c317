package io.meshgate.proxy.filter.compress;

/** A content coding the gateway can apply to responses. */
public enum Coding {
    /** {@code gzip} (RFC 9110 §8.4.1.3, RFC 1952). */
    GZIP("gzip"),
    /** {@code deflate}: zlib-wrapped DEFLATE (RFC 9110 §8.4.1.2, RFC 1950). */
    DEFLATE("deflate");

    private final String token;

    Coding(String token) {
        this.token = token;
    }

    /** The token in {@code Accept-Encoding} and {@code Content-Encoding}. */
    public String token() {
        return token;
    }
}
