package io.meshgate.proxy.filter.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@code meshgate.ratelimit.requests} counter, by limit type ({@code local}, {@code global}) and
 * result: {@code allowed}, {@code limited} (429), and for global limits {@code failed_open} and
 * {@code failed_closed} (Redis could not decide). Counters are looked up once, when the filter is built.
 */
final class RateLimitMetrics {

    private final Counter allowed;
    private final Counter limited;
    private final @Nullable Counter failedOpen;
    private final @Nullable Counter failedClosed;

    RateLimitMetrics(MeterRegistry registry, String type) {
        this.allowed = counter(registry, type, "allowed");
        this.limited = counter(registry, type, "limited");
        boolean global = type.equals("global");
        this.failedOpen = global ? counter(registry, type, "failed_open") : null;
        this.failedClosed = global ? counter(registry, type, "failed_closed") : null;
    }

    void record(Decision decision) {
        (decision.allowed() ? allowed : limited).increment();
    }

    void failed(FailureMode mode) {
        Counter c = mode == FailureMode.OPEN ? failedOpen : failedClosed;
        if (c != null) {
            c.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String type, String result) {
        return Counter.builder("meshgate.ratelimit.requests")
                .description("Requests that went through a rate limit, by outcome")
                .tag("type", type)
                .tag("result", result)
                .register(registry);
    }
}
