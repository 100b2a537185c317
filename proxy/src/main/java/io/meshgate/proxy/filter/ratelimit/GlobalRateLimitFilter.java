package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A {@code type: Global} rate limit: buckets in Redis, shared by every gateway instance. The
 * request phase sends one script call and returns {@link FilterResult#await}; the answer is
 * handled back on the exchange's event loop. When Redis cannot decide in time the
 * {@link FailureMode} applies: OPEN lets the request through without RateLimit fields, CLOSED
 * answers 503 with {@code Retry-After: 1}.
 */
public final class GlobalRateLimitFilter implements HttpFilter {

    private final GlobalRateLimiter limiter;
    private final FailureMode failureMode;
    private final RateLimitMetrics metrics;

    /** A filter deciding with {@code limiter}, applying {@code failureMode} when Redis cannot. */
    public GlobalRateLimitFilter(GlobalRateLimiter limiter, FailureMode failureMode, MeterRegistry registry) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
        this.metrics = new RateLimitMetrics(registry, "global");
    }

    @Override
    public Phase phase() {
        return Phase.RATE_LIMIT;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        CompletionStage<Decision> decision = limiter.acquire(exchange);
        if (decision == null) {
            return FilterResult.next();
        }
        return FilterResult.await(decision.handleAsync((d, error) -> {
            if (error != null) {
                return failed(error);
            }
            metrics.record(d);
            return RateLimitHeaders.onDecision(exchange, d);
        }, exchange.eventLoop()));
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        RateLimitHeaders.onResponse(exchange);
        return FilterResult.next();
    }

    private FilterResult failed(Throwable error) {
        limiter.redis().health().failed(error instanceof java.util.concurrent.CompletionException c
                && c.getCause() != null ? c.getCause() : error, failureMode);
        metrics.failed(failureMode);
        if (failureMode == FailureMode.OPEN) {
            return FilterResult.next();
        }
        FilterResult.Respond r = FilterResult.error(503, "rate limit unavailable");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        return r;
    }
}
