package io.meshgate.proxy.telemetry;

import org.jspecify.annotations.Nullable;

/** Exchange records for tests. */
final class Records {

    private Records() {
    }

    static ExchangeRecord of(@Nullable String route, @Nullable String cluster, String method, int status,
                             long durationMillis, int attempts) {
        return new ExchangeRecord("req-1", "HTTP/1.1", method, "api.example.com", "/v1/items?id=7", "192.0.2.10",
                route, cluster, cluster == null ? null : "10.0.0.1:8080", status, null, attempts, 12, 345,
                1_700_000_000_123L, durationMillis * 1_000_000, cluster == null ? -1 : 1_500_000, "curl/8.5.0");
    }
}
