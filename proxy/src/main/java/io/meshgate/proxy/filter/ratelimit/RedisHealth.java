package io.meshgate.proxy.filter.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the rate-limit Redis answers, as told by the decisions that used it: logs the switch
 * from up to down (one WARN), a reminder at most every {@link #LOG_INTERVAL_NANOS} while it stays
 * down (so an outage does not flood the log at request rate), and the recovery (one INFO); keeps
 * the {@code meshgate.ratelimit.redis.up} gauge and the {@code meshgate.ratelimit.redis.errors}
 * counter. Thread-safe.
 */
final class RedisHealth {

    static final long LOG_INTERVAL_NANOS = 30_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(RedisHealth.class);

    private final String target;
    private final LongSupplier nanoClock;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong failuresSinceLog = new AtomicLong();
    private final AtomicLong nextLogNanos = new AtomicLong();
    private final Counter errors;

    RedisHealth(String target, MeterRegistry registry, LongSupplier nanoClock) {
        this.target = target;
        this.nanoClock = nanoClock;
        this.errors = Counter.builder("meshgate.ratelimit.redis.errors")
                .description("Global rate-limit decisions Redis could not make (down, timeout, error)")
                .tag("redis", target)
                .register(registry);
        Gauge.builder("meshgate.ratelimit.redis.up", down, d -> d.get() ? 0 : 1)
                .description("1 while the rate-limit Redis answers, 0 while it does not")
                .tag("redis", target)
                .register(registry);
    }

    /** A decision came back from Redis. */
    void succeeded() {
        if (down.get() && down.compareAndSet(true, false)) {
            log.info("Redis {} answers again: global rate limits enforced again ({} decisions failed since the"
                    + " last report)", target, failuresSinceLog.getAndSet(0));
        }
    }

    /** A decision could not be made; {@code mode} says what the requests got meanwhile. */
    void failed(Throwable cause, FailureMode mode) {
        errors.increment();
        long now = nanoClock.getAsLong();
        long failures = failuresSinceLog.incrementAndGet();
        if (!down.get() && down.compareAndSet(false, true)) {
            nextLogNanos.set(now + LOG_INTERVAL_NANOS);
            failuresSinceLog.set(0);
            log.warn("Redis {} unavailable: global rate limits fail {} until it answers ({})", target,
                    mode == FailureMode.OPEN ? "open (requests pass unlimited)" : "closed (requests get 503)",
                    describe(cause));
            return;
        }
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            failuresSinceLog.addAndGet(-failures);
            log.warn("Redis {} still unavailable: {} global rate-limit decisions failed {} in the last {} s ({})",
                    target, failures, mode == FailureMode.OPEN ? "open" : "closed", LOG_INTERVAL_NANOS / 1_000_000_000L,
                    describe(cause));
        }
    }

    /** {@code host:port} of the Redis. */
    String target() {
        return target;
    }

    /** Whether the last decision failed. */
    boolean isDown() {
        return down.get();
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
