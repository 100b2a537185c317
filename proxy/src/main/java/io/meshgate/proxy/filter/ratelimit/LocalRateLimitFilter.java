package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * A {@code type: Local} rate limit: buckets in this gateway instance's memory, decided inline on
 * the event loop (no lock, no I/O). Answers 429 with {@code Retry-After} when a bucket is empty
 * and sets the {@code RateLimit-*} fields on every response of the route ({@link RateLimitHeaders}).
 */
public final class LocalRateLimitFilter implements HttpFilter {

    private final LocalRateLimiter limiter;
    private final RateLimitMetrics metrics;

    /** A filter deciding with {@code limiter} (shared with other routes when their policy shares it). */
    public LocalRateLimitFilter(LocalRateLimiter limiter, MeterRegistry registry) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.metrics = new RateLimitMetrics(registry, "local");
    }

    @Override
    public Phase phase() {
        return Phase.RATE_LIMIT;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        Decision decision = limiter.acquire(exchange);
        if (decision != null) {
            metrics.record(decision);
        }
        return RateLimitHeaders.onDecision(exchange, decision);
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        RateLimitHeaders.onResponse(exchange);
        return FilterResult.next();
    }
}
