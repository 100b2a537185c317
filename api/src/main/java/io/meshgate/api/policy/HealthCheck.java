package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code BackendTrafficPolicy.healthCheck}: active probes and passive outlier detection.
 *
 * @param active active HTTP probes, optional
 * @param passive passive outlier detection, optional
 */
public record HealthCheck(@Nullable Active active, @Nullable Passive passive) {

    /** Active health check types; only HTTP is supported. */
    public enum ActiveType { HTTP }

    /**
     * {@code healthCheck.active}.
     *
     * @param type {@code HTTP}, required
     * @param http the probe request, required for HTTP
     * @param timeout wait this long for a probe's answer, default 1 s
     * @param interval time between probes of an endpoint, default 3 s
     * @param unhealthyThreshold failed probes in a row that mark an endpoint unhealthy, default 3 (>= 1)
     * @param healthyThreshold passed probes in a row that mark it healthy again, default 1 (>= 1)
     */
    public record Active(ActiveType type, HttpProbe http, Duration timeout, Duration interval,
                         Integer unhealthyThreshold, Integer healthyThreshold) {
        public Active(@Nullable ActiveType type, @Nullable HttpProbe http, @Nullable Duration timeout,
                      @Nullable Duration interval, @Nullable Integer unhealthyThreshold,
                      @Nullable Integer healthyThreshold) {
            this.type = Checks.required(type, "type");
            this.http = Checks.required(http, "http");
            this.timeout = Checks.orDefault(timeout, Duration.ofSeconds(1));
            this.interval = Checks.orDefault(interval, Duration.ofSeconds(3));
            Checks.check(!this.interval.isZero(), "interval", "0s (expected: > 0)");
            Checks.check(!this.timeout.isZero(), "timeout", "0s (expected: > 0)");
            this.unhealthyThreshold = Checks.atLeast(Checks.orDefault(unhealthyThreshold, 3), 1, "unhealthyThreshold");
            this.healthyThreshold = Checks.atLeast(Checks.orDefault(healthyThreshold, 1), 1, "healthyThreshold");
        }
    }

    /**
     * {@code healthCheck.active.http}.
     *
     * @param path the path requested, required (starts with /)
     * @param method the method, default {@code GET}
     * @param expectedStatuses statuses that count as healthy (100..599), default {@code [200]}
     */
    public record HttpProbe(String path, String method, List<Integer> expectedStatuses) {
        public HttpProbe(@Nullable String path, @Nullable String method, @Nullable List<Integer> expectedStatuses) {
            this.path = Checks.requiredText(path, "path");
            Checks.check(this.path.startsWith("/"), "path", Checks.quote(this.path) + " (expected: a path starting with /)");
            this.method = Checks.orDefault(method, "GET");
            Checks.check(this.method.matches("[A-Z]+"), "method", Checks.quote(this.method) + " (expected: an HTTP method)");
            List<Integer> s = Checks.list(expectedStatuses, "expectedStatuses");
            this.expectedStatuses = s.isEmpty() ? List.of(200) : s;
            for (int i = 0; i < this.expectedStatuses.size(); i++) {
                Checks.range(this.expectedStatuses.get(i), 100, 599, "expectedStatuses[" + i + "]");
            }
        }
    }

    /**
     * {@code healthCheck.passive}: outlier detection. An ejected endpoint comes back after
     * baseEjectionTime x (times it was ejected).
     *
     * @param splitExternalLocalOriginErrors count connect failures and resets apart from 5xx answers, default false
     * @param interval how often ejections are reconsidered, default 3 s
     * @param consecutiveLocalOriginFailures local failures in a row that eject (with split), default 5; 0 disables
     * @param consecutiveGatewayErrors 502/503/504 in a row that eject, default 0 (disabled)
     * @param consecutive5XxErrors 5xx in a row that eject, default 5; 0 disables
     * @param baseEjectionTime base ejection time, default 30 s
     * @param maxEjectionPercent most endpoints ejected at once in percent, default 10 (0..100)
     */
    public record Passive(Boolean splitExternalLocalOriginErrors, Duration interval,
                          Integer consecutiveLocalOriginFailures, Integer consecutiveGatewayErrors,
                          Integer consecutive5XxErrors, Duration baseEjectionTime, Integer maxEjectionPercent) {
        public Passive(@Nullable Boolean splitExternalLocalOriginErrors, @Nullable Duration interval,
                       @Nullable Integer consecutiveLocalOriginFailures, @Nullable Integer consecutiveGatewayErrors,
                       @Nullable Integer consecutive5XxErrors, @Nullable Duration baseEjectionTime,
                       @Nullable Integer maxEjectionPercent) {
            this.splitExternalLocalOriginErrors = Checks.orDefault(splitExternalLocalOriginErrors, false);
            this.interval = Checks.orDefault(interval, Duration.ofSeconds(3));
            Checks.check(!this.interval.isZero(), "interval", "0s (expected: > 0)");
            this.consecutiveLocalOriginFailures = Checks.atLeast(Checks.orDefault(consecutiveLocalOriginFailures, 5), 0,
                    "consecutiveLocalOriginFailures");
            this.consecutiveGatewayErrors = Checks.atLeast(Checks.orDefault(consecutiveGatewayErrors, 0), 0,
                    "consecutiveGatewayErrors");
            this.consecutive5XxErrors = Checks.atLeast(Checks.orDefault(consecutive5XxErrors, 5), 0,
                    "consecutive5XxErrors");
            this.baseEjectionTime = Checks.orDefault(baseEjectionTime, Duration.ofSeconds(30));
            this.maxEjectionPercent = Checks.range(Checks.orDefault(maxEjectionPercent, 10), 0, 100,
                    "maxEjectionPercent");
        }
    }
}
