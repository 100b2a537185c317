package io.meshgate.proxy.upstream.outlier;

import io.meshgate.api.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * Passive outlier detection settings (Envoy Gateway {@code healthCheck.passive}). A threshold of
 * 0 turns that detector off.
 *
 * @param consecutive5xx 5xx answers in a row that eject an endpoint (default 5)
 * @param consecutiveGatewayErrors 502/503/504 answers in a row that eject an endpoint (default 0: off)
 * @param consecutiveLocalOriginFailures connect failures, resets and timeouts in a row that eject an
 *     endpoint, counted only when {@code splitExternalLocalOriginErrors} (default 5)
 * @param splitExternalLocalOriginErrors count local-origin failures apart; when false (default) they
 *     count as gateway errors (a connect failure or reset as 503, a timeout as 504), as in Envoy
 * @param interval how often ejections are reviewed: expired ones end, and the ejection multiplier of
 *     endpoints that stayed in decreases (default 3 s)
 * @param baseEjectionTime ejection time of a first ejection; the n-th ejection lasts n times as long (default 30 s)
 * @param maxEjectionTime cap of an ejection's duration (default 300 s, Envoy's)
 * @param maxEjectionPercent most endpoints ejected at once, in percent; one ejection is always allowed (default 10)
 */
public record OutlierConfig(int consecutive5xx, int consecutiveGatewayErrors, int consecutiveLocalOriginFailures,
                            boolean splitExternalLocalOriginErrors, Duration interval, Duration baseEjectionTime,
                            Duration maxEjectionTime, int maxEjectionPercent) {

    /** Envoy Gateway's defaults. */
    public static final OutlierConfig DEFAULTS = new OutlierConfig(5, 0, 5, false, Duration.ofSeconds(3),
            Duration.ofSeconds(30), Duration.ofSeconds(300), 10);

    public OutlierConfig {
        nonNegative("consecutive5xx", consecutive5xx);
        nonNegative("consecutiveGatewayErrors", consecutiveGatewayErrors);
        nonNegative("consecutiveLocalOriginFailures", consecutiveLocalOriginFailures);
        positive("interval", interval);
        positive("baseEjectionTime", baseEjectionTime);
        positive("maxEjectionTime", maxEjectionTime);
        if (maxEjectionPercent < 0 || maxEjectionPercent > 100) {
            throw new IllegalArgumentException("maxEjectionPercent: " + maxEjectionPercent + " (expected: 0..100)");
        }
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: >= 0)");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + Durations.format(d) + " (expected: > 0)");
        }
    }
}
