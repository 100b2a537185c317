package io.meshgate.proxy.route;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When and how to retry a failed try (Envoy Gateway {@code BackendTrafficPolicy.retry}).
 * Retries happen only for idempotent methods or when the request body is still fully buffered
 * (under {@code bufferLimitBytes}); the engine enforces that.
 *
 * @param numRetries retries after the first try (expected: &gt;= 0)
 * @param perTryTimeout deadline of each try, {@link Duration#ZERO} for none
 * @param triggers what makes a try retriable
 * @param retriableStatusCodes statuses retried under {@link RetryTrigger#RETRIABLE_STATUS_CODES}
 * @param backoffBase base interval of the exponential backoff (full jitter)
 * @param backoffMax cap of the backoff interval
 * @param bufferLimitBytes how much request body may be held for replay
 */
public record RetryPolicy(int numRetries, Duration perTryTimeout, Set<RetryTrigger> triggers,
                          Set<Integer> retriableStatusCodes, Duration backoffBase, Duration backoffMax,
                          int bufferLimitBytes) {

    /** No retries (idle pooled connections closed by the backend are still replayed once; see the engine). */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, EnumSet.noneOf(RetryTrigger.class),
            Set.of(), Duration.ofMillis(25), Duration.ofMillis(250), 64 * 1024);

    public RetryPolicy {
        if (numRetries < 0) {
            throw new IllegalArgumentException("numRetries: " + numRetries + " (expected: >= 0)");
        }
        Objects.requireNonNull(perTryTimeout, "perTryTimeout");
        triggers = triggers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(triggers));
        retriableStatusCodes = Set.copyOf(retriableStatusCodes);
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (bufferLimitBytes < 0) {
            throw new IllegalArgumentException("bufferLimitBytes: " + bufferLimitBytes + " (expected: >= 0)");
        }
    }
}
