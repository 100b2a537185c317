package io.meshgate.proxy.route;

import java.time.Duration;
import java.util.Objects;

/**
 * Gateway API HTTPRoute timeouts, merged with BackendTrafficPolicy {@code timeout.http}.
 *
 * @param request whole-request deadline from first byte received to last byte sent, {@link Duration#ZERO} for none (504 when hit)
 * @param backendRequest deadline of one try at the backend, {@link Duration#ZERO} for none (504 when hit)
 */
public record RouteTimeouts(Duration request, Duration backendRequest) {
    /** No timeouts. */
    public static final RouteTimeouts NONE = new RouteTimeouts(Duration.ZERO, Duration.ZERO);

    public RouteTimeouts {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(backendRequest, "backendRequest");
    }
}
