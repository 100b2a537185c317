package io.meshgate.proxy.filter.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code meshgate.ratelimit.requests} counter, by limit type ({@code local}, {@code global}) and
 * result: {@code allowed}, {@code limited} (429), {@code failed_open} and {@code failed_closed}
 * (Redis could not decide). Counters are looked up once, when the filter is built.
 */
final class RateLimitMetrics {

    private final Counter allowed;
    private final Counter limited;
    private final Counter failedOpen;
    private final Counter failedClosed;

    RateLimitMetrics(MeterRegistry registry, String type) {
        this.allowed = counter(registry, type, "allowed");
        this.limited = counter(registry, type, "limited");
        this.failedOpen = counter(registry, type, "failed_open");
        this.failedClosed = counter(registry, type, "failed_closed");
    }

    void record(Decision decision) {
        (decision.allowed() ? allowed : limited).increment();
    }

    void failed(FailureMode mode) {
        (mode == FailureMode.OPEN ? failedOpen : failedClosed).increment();
    }

    private static Counter counter(MeterRegistry registry, String type, String result) {
        return Counter.builder("meshgate.ratelimit.requests")
                .description("Requests that went through a rate limit, by outcome")
                .tag("type", type)
                .tag("result", result)
                .register(registry);
    }
}
