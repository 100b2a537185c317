package io.meshgate.proxy.upstream.health;

import io.meshgate.api.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Active health-check settings (Envoy Gateway {@code healthCheck.active}).
 *
 * @param type HTTP (a request whose status must be expected) or TCP (a connection must open)
 * @param path request path of HTTP checks (default {@code /})
 * @param method request method of HTTP checks (default GET)
 * @param expectedStatuses statuses that count as healthy (default 200)
 * @param interval time between the end of one check and the start of the next (default 3 s)
 * @param timeout deadline of one check, connection included (default 1 s)
 * @param healthyThreshold passing checks in a row that make an unhealthy endpoint healthy (default 1)
 * @param unhealthyThreshold failing checks in a row that make a healthy endpoint unhealthy (default 3)
 */
public record HealthCheckConfig(Type type, String path, String method, Set<Integer> expectedStatuses,
                                Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold) {

    /** What a check does. */
    public enum Type {
        /** An HTTP request (HTTP/2 for h2c and h2 clusters); healthy when the status is expected. */
        HTTP,
        /** A TCP connection; healthy when it opens. */
        TCP
    }

    public HealthCheckConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
        }
        expectedStatuses = Set.copyOf(expectedStatuses);
        if (type == Type.HTTP && expectedStatuses.isEmpty()) {
            throw new IllegalArgumentException("expectedStatuses: [] (expected: at least one status)");
        }
        for (int s : expectedStatuses) {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("expectedStatuses: " + s + " (expected: 100..599)");
            }
        }
        positive("interval", interval);
        positive("timeout", timeout);
        if (healthyThreshold < 1) {
            throw new IllegalArgumentException("healthyThreshold: " + healthyThreshold + " (expected: >= 1)");
        }
        if (unhealthyThreshold < 1) {
            throw new IllegalArgumentException("unhealthyThreshold: " + unhealthyThreshold + " (expected: >= 1)");
        }
    }

    /** An HTTP GET of {@code path} expecting 200, with Envoy Gateway's default timings. */
    public static HealthCheckConfig http(String path) {
        return new HealthCheckConfig(Type.HTTP, path, "GET", Set.of(200), Duration.ofSeconds(3),
                Duration.ofSeconds(1), 1, 3);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + Durations.format(d) + " (expected: > 0)");
        }
    }
}
