package io.meshgate.proxy.upstream;

import java.util.Objects;

/**
 * One upstream address of a cluster. Identity is {@code host:port}; weight and zone are
 * load-balancing hints. Health lives in the cluster's {@code EndpointSet}, not here.
 *
 * @param host an IP literal or a DNS name, resolved when connecting
 * @param port TCP port (expected: 1..65535)
 * @param weight relative weight (expected: &gt;= 1)
 */
public record Endpoint(String host, int port, int weight) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 1)");
        }
    }

    /** {@code host:port} (IPv6 hosts in brackets), as used in logs and metric labels. */
    public String authority() {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
