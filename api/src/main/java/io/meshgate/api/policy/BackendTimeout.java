package io.meshgate.api.policy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code BackendTrafficPolicy.timeout}.
 *
 * @param tcp connection timeouts, optional
 * @param http HTTP timeouts, optional
 */
public record BackendTimeout(@Nullable Tcp tcp, @Nullable Http http) {

    /**
     * {@code timeout.tcp}.
     *
     * @param connectTimeout TCP + TLS connect deadline, default 10 s (then 502/503 and a connect-failure retry)
     */
    public record Tcp(@Nullable Duration connectTimeout) {}

    /**
     * {@code timeout.http}.
     *
     * @param requestTimeout deadline for the whole response from the backend (504 when hit), default none;
     *     the route's {@code timeouts.request} wins when both are set
     * @param connectionIdleTimeout close pooled connections idle this long, default 60 s (Envoy Gateway: 1 h)
     * @param maxConnectionDuration close a pooled connection this long after it opened, default unlimited
     */
    public record Http(@Nullable Duration requestTimeout, @Nullable Duration connectionIdleTimeout,
                       @Nullable Duration maxConnectionDuration) {}
}
