package io.meshgate.api.transform;

/** A content coding offered by {@code compression}; spelled as in YAML (Envoy Gateway's spelling). */
public enum CompressionType {
    /** {@code gzip} (RFC 9110 §8.4.1.3). */
    Gzip,
    /** {@code deflate}: the zlib format (RFC 9110 §8.4.1.2). */
    Deflate
}
