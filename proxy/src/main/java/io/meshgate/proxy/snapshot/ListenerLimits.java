package io.meshgate.proxy.snapshot;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that protect a listener from slow, large and hostile clients. Defaults sit close to
 * nginx's and Envoy's (see docs/limits.md).
 *
 * @param maxInitialLineLength longest request line in bytes; longer gets 414 (default 8 KiB, nginx)
 * @param maxHeaderSize total size of the header block in bytes; larger gets 431 (default 64 KiB, Envoy 60 KiB)
 * @param maxHeaderCount most header fields; more gets 431 (default 100, Envoy)
 * @param maxBodySize largest request body in bytes, 0 for unlimited; larger gets 413 (default 0, Envoy)
 * @param headerReadTimeout time allowed to receive a complete request head (slowloris guard; 408), default 10 s
 * @param idleTimeout close a connection with no request in flight after this long, default 60 s
 * @param maxConnections most concurrent downstream connections on the port, default 10000
 * @param maxConcurrentStreams HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS, default 100
 * @param trustedProxies how many proxies in front are trusted for X-Forwarded-For, default 0
 * @param path request path normalization before routing
 * @param requestReceivedTimeout time allowed to receive a whole request, head and body, from its first
 *     byte (HTTP/1.x) or its HEADERS frame (HTTP/2); 408 unless the response has started. Zero (the
 *     default, as in Envoy) turns it off
 */
public record ListenerLimits(int maxInitialLineLength, int maxHeaderSize, int maxHeaderCount, long maxBodySize,
                             Duration headerReadTimeout, Duration idleTimeout, int maxConnections,
                             int maxConcurrentStreams, int trustedProxies, PathNormalization path,
                             Duration requestReceivedTimeout) {

    /** The documented defaults. */
    public static final ListenerLimits DEFAULTS = new ListenerLimits(8 * 1024, 64 * 1024, 100, 0,
            Duration.ofSeconds(10), Duration.ofSeconds(60), 10_000, 100, 0, PathNormalization.DEFAULTS, Duration.ZERO);

    public ListenerLimits {
        Objects.requireNonNull(requestReceivedTimeout, "requestReceivedTimeout");
    }

    /** Limits without a request-received timeout. */
    public ListenerLimits(int maxInitialLineLength, int maxHeaderSize, int maxHeaderCount, long maxBodySize,
                          Duration headerReadTimeout, Duration idleTimeout, int maxConnections,
                          int maxConcurrentStreams, int trustedProxies, PathNormalization path) {
        this(maxInitialLineLength, maxHeaderSize, maxHeaderCount, maxBodySize, headerReadTimeout, idleTimeout,
                maxConnections, maxConcurrentStreams, trustedProxies, path, Duration.ZERO);
    }

    /** These limits with another path normalization. */
    public ListenerLimits withPath(PathNormalization normalization) {
        return new ListenerLimits(maxInitialLineLength, maxHeaderSize, maxHeaderCount, maxBodySize, headerReadTimeout,
                idleTimeout, maxConnections, maxConcurrentStreams, trustedProxies, normalization, requestReceivedTimeout);
    }

    /** These limits with another request-received timeout (zero: none). */
    public ListenerLimits withRequestReceivedTimeout(Duration timeout) {
        return new ListenerLimits(maxInitialLineLength, maxHeaderSize, maxHeaderCount, maxBodySize, headerReadTimeout,
                idleTimeout, maxConnections, maxConcurrentStreams, trustedProxies, path, timeout);
    }
}
