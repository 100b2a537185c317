package io.meshgate.api.policy;

import io.meshgate.api.Durations;
import io.meshgate.api.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code BackendTrafficPolicy.retry}. Only idempotent requests, or requests whose body is still buffered,
 * are retried.
 *
 * @param numRetries retries after the first try, default 2 (>= 0)
 * @param retryOn what makes a try retriable, default {@code connect-failure}, {@code refused-stream} and
 *     {@code retriable-status-codes} with 503
 * @param perRetry per-try timeout and backoff, default no per-try timeout and a 25 ms / 250 ms backoff
 */
public record Retry(Integer numRetries, RetryOn retryOn, PerRetryPolicy perRetry) {
    public Retry(@Nullable Integer numRetries, @Nullable RetryOn retryOn, @Nullable PerRetryPolicy perRetry) {
        this.numRetries = Checks.atLeast(Checks.orDefault(numRetries, 2), 0, "numRetries");
        this.retryOn = Checks.orDefault(retryOn, RetryOn.DEFAULT);
        this.perRetry = Checks.orDefault(perRetry, new PerRetryPolicy(null, null));
    }

    /**
     * {@code retry.retryOn}.
     *
     * @param triggers the conditions, default {@code [connect-failure, refused-stream, retriable-status-codes]}
     * @param httpStatusCodes statuses retried under {@code retriable-status-codes} (100..599), default {@code [503]}
     *     when the triggers are defaulted, else none
     */
    public record RetryOn(List<RetryTrigger> triggers, List<Integer> httpStatusCodes) {
        /** The Envoy Gateway default (its gRPC triggers left out). */
        public static final RetryOn DEFAULT = new RetryOn(
                List.of(RetryTrigger.CONNECT_FAILURE, RetryTrigger.REFUSED_STREAM, RetryTrigger.RETRIABLE_STATUS_CODES),
                List.of(503));

        public RetryOn(@Nullable List<RetryTrigger> triggers, @Nullable List<Integer> httpStatusCodes) {
            this.triggers = Checks.list(triggers, "triggers");
            this.httpStatusCodes = Checks.list(httpStatusCodes, "httpStatusCodes");
            for (int i = 0; i < this.httpStatusCodes.size(); i++) {
                Checks.range(this.httpStatusCodes.get(i), 100, 599, "httpStatusCodes[" + i + "]");
            }
            Checks.check(this.httpStatusCodes.isEmpty()
                         || this.triggers.contains(RetryTrigger.RETRIABLE_STATUS_CODES), "httpStatusCodes",
                    "only used with the retriable-status-codes trigger (expected: add it to triggers)");
        }
    }

    /**
     * {@code retry.perRetry}.
     *
     * @param timeout deadline of each try, default none (the route's backendRequest timeout still applies)
     * @param backOff backoff between tries (exponential with full jitter), default 25 ms base, 250 ms max
     */
    public record PerRetryPolicy(@Nullable Duration timeout, BackOff backOff) {
        public PerRetryPolicy(@Nullable Duration timeout, @Nullable BackOff backOff) {
            this.timeout = timeout;
            this.backOff = Checks.orDefault(backOff, new BackOff(null, null));
        }
    }

    /**
     * {@code retry.perRetry.backOff}.
     *
     * @param baseInterval base interval, default 25 ms (more than 0)
     * @param maxInterval cap, default 10 x baseInterval; at least baseInterval
     */
    public record BackOff(Duration baseInterval, Duration maxInterval) {
        public BackOff(@Nullable Duration baseInterval, @Nullable Duration maxInterval) {
            this.baseInterval = Checks.orDefault(baseInterval, Duration.ofMillis(25));
            Checks.check(!this.baseInterval.isZero(), "baseInterval", "0s (expected: > 0)");
            this.maxInterval = Checks.orDefault(maxInterval, this.baseInterval.multipliedBy(10));
            Checks.check(this.maxInterval.compareTo(this.baseInterval) >= 0, "maxInterval",
                    Durations.format(this.maxInterval) + " (expected: >= baseInterval "
                    + Durations.format(this.baseInterval) + ")");
        }
    }
}
