package io.meshgate.proxy.snapshot;

import io.meshgate.proxy.route.RouteTable;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything the proxy serves on one TCP port, merged from every Gateway listener on that port.
 *
 * @param address bind address (e.g. {@code 0.0.0.0}, {@code 127.0.0.1})
 * @param port TCP port
 * @param tls server certificates by SNI hostname (with a default), or null for cleartext
 * @param routes the compiled routes of this port
 * @param limits connection and request limits
 */
public record ListenerPort(String address, int port, @Nullable Mapping<String, SslContext> tls, RouteTable routes,
                           ListenerLimits limits) {
    public ListenerPort {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(limits, "limits");
    }

    /** Whether this port terminates TLS. */
    public boolean isTls() {
        return tls != null;
    }
}
