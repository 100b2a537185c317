package io.meshgate.proxy.snapshot;

import io.meshgate.api.policy.ClientTrafficPolicySpec;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A ClientTrafficPolicy's limits over {@link ListenerLimits#DEFAULTS}: absent fields keep the defaults. */
final class ClientLimits {

    private ClientLimits() {
    }

    static ListenerLimits of(ClientTrafficPolicySpec spec) {
        ListenerLimits d = ListenerLimits.DEFAULTS;
        int lineLength = d.maxInitialLineLength();
        int headerSize = d.maxHeaderSize();
        int headerCount = d.maxHeaderCount();
        if (spec.headers() != null) {
            var h = spec.headers();
            lineLength = h.maxRequestLineBytes() == null ? lineLength : h.maxRequestLineBytes();
            headerSize = h.maxRequestHeadersKb() == null ? headerSize : h.maxRequestHeadersKb() * 1024;
            headerCount = h.maxRequestHeaders() == null ? headerCount : h.maxRequestHeaders();
        }
        long bodySize = spec.requestBody() == null ? d.maxBodySize() : spec.requestBody().maxBytes();
        Duration headerTimeout = d.headerReadTimeout();
        Duration idle = d.idleTimeout();
        Duration received = d.requestReceivedTimeout();
        if (spec.timeout() != null && spec.timeout().http() != null) {
            var t = spec.timeout().http();
            headerTimeout = t.requestHeadersTimeout() == null ? headerTimeout : t.requestHeadersTimeout();
            idle = t.idleTimeout() == null ? idle : t.idleTimeout();
            received = t.requestReceivedTimeout() == null ? received : t.requestReceivedTimeout();
        }
        int connections = spec.connection() == null || spec.connection().connectionLimit() == null
                ? d.maxConnections() : spec.connection().connectionLimit().value();
        int streams = spec.http2() == null || spec.http2().maxConcurrentStreams() == null
                ? d.maxConcurrentStreams() : spec.http2().maxConcurrentStreams();
        int trusted = spec.clientIPDetection() == null || spec.clientIPDetection().xForwardedFor() == null
                ? d.trustedProxies() : spec.clientIPDetection().xForwardedFor().numTrustedHops();
        return new ListenerLimits(lineLength, headerSize, headerCount, bodySize, headerTimeout, idle, connections,
                streams, trusted, path(spec.path()), received);
    }

    private static PathNormalization path(ClientTrafficPolicySpec.@Nullable Path p) {
        PathNormalization d = PathNormalization.DEFAULTS;
        if (p == null) {
            return d;
        }
        return new PathNormalization(p.disableMergeSlashes() == null ? d.mergeSlashes() : !p.disableMergeSlashes(),
                p.escapedSlashesAction() == null ? d.escapedSlashes() : p.escapedSlashesAction());
    }
}
