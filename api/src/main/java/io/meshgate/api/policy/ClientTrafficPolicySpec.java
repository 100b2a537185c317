package io.meshgate.api.policy;

import io.meshgate.api.gateway.SecretObjectReference;
import io.meshgate.api.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A ClientTrafficPolicy's {@code spec}: limits and timeouts of the connections clients open to a Gateway's
 * listeners. Absent fields keep the listener defaults (see docs/configuration.md).
 *
 * @param targetRefs the Gateways (optionally one listener via sectionName), 1..16
 * @param timeout client timeouts
 * @param connection connection limits
 * @param clientIPDetection how the client address is found behind other proxies
 * @param http2 HTTP/2 settings
 * @param headers request head limits
 * @param requestBody request body limit
 * @param tls client certificate validation (mTLS) on HTTPS listeners
 * @param path request path normalization
 */
public record ClientTrafficPolicySpec(List<PolicyTargetReference> targetRefs, @Nullable Timeout timeout,
                                      @Nullable Connection connection, @Nullable ClientIpDetection clientIPDetection,
                                      @Nullable Http2 http2, @Nullable Headers headers,
                                      @Nullable RequestBody requestBody, @Nullable Tls tls, @Nullable Path path)
        implements PolicySpec {
    public ClientTrafficPolicySpec {
        targetRefs = Checks.list(targetRefs, "targetRefs");
        Checks.check(!targetRefs.isEmpty() && targetRefs.size() <= 16, "targetRefs",
                targetRefs.isEmpty() ? "required (expected: 1..16 entries)" : targetRefs.size() + " entries (expected: 1..16)");
    }

    /**
     * {@code timeout}.
     *
     * @param http HTTP timeouts
     */
    public record Timeout(@Nullable HttpTimeout http) {}

    /**
     * {@code timeout.http}.
     *
     * @param requestReceivedTimeout deadline to receive the whole request, head and body (408), default none
     * @param idleTimeout close a connection with no request in flight after this long, default 60 s
     * @param requestHeadersTimeout deadline to receive the request head (slowloris guard, 408), default 10 s
     *     (meshgate; Envoy's {@code request_headers_timeout})
     */
    public record HttpTimeout(@Nullable Duration requestReceivedTimeout, @Nullable Duration idleTimeout,
                              @Nullable Duration requestHeadersTimeout) {}

    /**
     * {@code connection}.
     *
     * @param connectionLimit most concurrent client connections per listener port
     */
    public record Connection(@Nullable ConnectionLimit connectionLimit) {}

    /**
     * {@code connection.connectionLimit}.
     *
     * @param value most concurrent connections, required (>= 1); default without a policy 10000
     */
    public record ConnectionLimit(Integer value) {
        public ConnectionLimit {
            value = Checks.atLeast(Checks.required(value, "value"), 1, "value");
        }
    }

    /**
     * {@code clientIPDetection}.
     *
     * @param xForwardedFor trust X-Forwarded-For set by proxies in front
     */
    public record ClientIpDetection(@Nullable XForwardedFor xForwardedFor) {}

    /**
     * {@code clientIPDetection.xForwardedFor}.
     *
     * @param numTrustedHops how many proxies in front are trusted; the client is the address that many entries
     *     from the right of X-Forwarded-For. Default 0 (the peer address)
     */
    public record XForwardedFor(Integer numTrustedHops) {
        public XForwardedFor {
            numTrustedHops = Checks.range(Checks.orDefault(numTrustedHops, 0), 0, 64, "numTrustedHops");
        }
    }

    /**
     * {@code http2}.
     *
     * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS (1..2147483647), default 100
     */
    public record Http2(@Nullable Integer maxConcurrentStreams) {
        public Http2 {
            if (maxConcurrentStreams != null) {
                Checks.atLeast(maxConcurrentStreams, 1, "maxConcurrentStreams");
            }
        }
    }

    /**
     * {@code headers}: request head limits (meshgate names; Envoy's {@code max_request_headers_kb}).
     *
     * @param maxRequestHeadersKb total size of the request header block in KiB (1..8192); larger gets 431;
     *     default 64
     * @param maxRequestHeaders most request header fields (1..10000); more gets 431; default 100
     * @param maxRequestLineBytes longest request line / URI in bytes (256..1048576); longer gets 414; default 8192
     */
    public record Headers(@Nullable Integer maxRequestHeadersKb, @Nullable Integer maxRequestHeaders,
                          @Nullable Integer maxRequestLineBytes) {
        public Headers {
            if (maxRequestHeadersKb != null) {
                Checks.range(maxRequestHeadersKb, 1, 8192, "maxRequestHeadersKb");
            }
            if (maxRequestHeaders != null) {
                Checks.range(maxRequestHeaders, 1, 10_000, "maxRequestHeaders");
            }
            if (maxRequestLineBytes != null) {
                Checks.range(maxRequestLineBytes, 256, 1 << 20, "maxRequestLineBytes");
            }
        }
    }

    /**
     * {@code requestBody} (meshgate).
     *
     * @param maxBytes largest request body in bytes, 0 for unlimited; larger gets 413; default 0
     */
    public record RequestBody(Long maxBytes) {
        public RequestBody {
            maxBytes = Checks.atLeast(Checks.required(maxBytes, "maxBytes"), 0L, "maxBytes");
        }
    }

    /**
     * {@code tls}.
     *
     * @param clientValidation require (or request) client certificates
     */
    public record Tls(@Nullable ClientValidation clientValidation) {}

    /**
     * {@code tls.clientValidation} (Envoy Gateway shape).
     *
     * @param caCertificateRefs Secrets whose {@code ca.crt} (PEM) sign acceptable client certificates, 1..8
     * @param optional accept clients without a certificate (then no identity), default false
     */
    public record ClientValidation(List<SecretObjectReference> caCertificateRefs, Boolean optional) {
        public ClientValidation(@Nullable List<SecretObjectReference> caCertificateRefs, @Nullable Boolean optional) {
            this.caCertificateRefs = Checks.list(caCertificateRefs, "caCertificateRefs");
            Checks.check(!this.caCertificateRefs.isEmpty() && this.caCertificateRefs.size() <= 8, "caCertificateRefs",
                    this.caCertificateRefs.size() + " entries (expected: 1..8)");
            this.optional = Checks.orDefault(optional, false);
        }
    }

    /**
     * {@code path} (Envoy Gateway shape): how request paths are normalized before routing. Dot segments are
     * always removed and percent-encoded unreserved characters decoded (RFC 3986 section 6.2.2), whatever is set here.
     *
     * @param escapedSlashesAction what to do with {@code %2F} / {@code %5C} in the path, default UnescapeAndRedirect
     * @param disableMergeSlashes keep repeated slashes ({@code //}) instead of merging them, default false
     */
    public record Path(@Nullable EscapedSlashesAction escapedSlashesAction, @Nullable Boolean disableMergeSlashes) {}
}
