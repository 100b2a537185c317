package io.meshgate.proxy.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy connects to a cluster's endpoints.
 *
 * @param protocol HTTP/1.1, h2c or h2 over TLS
 * @param tls whether to originate TLS (always true for {@link UpstreamProtocol#H2})
 * @param tlsServerName SNI and name to verify, or empty for the endpoint host
 * @param insecureSkipVerify accept any server certificate (tests and labs only)
 * @param connectTimeout TCP + TLS connect deadline (default 10 s)
 * @param idleTimeout close pooled connections idle this long (default 60 s)
 * @param maxRequestsPerConnection recycle a connection after this many requests, 0 for unlimited
 */
public record UpstreamSettings(UpstreamProtocol protocol, boolean tls, String tlsServerName,
                               boolean insecureSkipVerify, Duration connectTimeout, Duration idleTimeout,
                               int maxRequestsPerConnection) {

    /** HTTP/1.1 cleartext with the default timeouts. */
    public static final UpstreamSettings DEFAULT = new UpstreamSettings(UpstreamProtocol.HTTP1, false, "", false,
            Duration.ofSeconds(10), Duration.ofSeconds(60), 0);

    public UpstreamSettings {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(tlsServerName, "tlsServerName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (protocol == UpstreamProtocol.H2) {
            tls = true;
        }
    }
}
