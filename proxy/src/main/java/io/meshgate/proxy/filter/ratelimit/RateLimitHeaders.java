package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * The fields a rate-limited route sends, on refusals and on admitted responses alike: the IETF
 * httpapi "RateLimit header fields" draft's {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} and {@code RateLimit-Policy}, plus {@code Retry-After} (RFC 9110 §10.2.3)
 * on 429s. They describe the tightest bucket of the request (see {@link Decision}):
 * {@code Limit} is its size (the burst), {@code Reset} the seconds until it is full again.
 */
public final class RateLimitHeaders {

    /** {@code RateLimit-Limit}. */
    public static final AsciiString LIMIT = AsciiString.cached("ratelimit-limit");
    /** {@code RateLimit-Remaining}. */
    public static final AsciiString REMAINING = AsciiString.cached("ratelimit-remaining");
    /** {@code RateLimit-Reset}. */
    public static final AsciiString RESET = AsciiString.cached("ratelimit-reset");
    /** {@code RateLimit-Policy}. */
    public static final AsciiString POLICY = AsciiString.cached("ratelimit-policy");

    /** The decision taken for the exchange, kept for its response phase and for access logs. */
    public static final AttributeKey<Decision> DECISION = AttributeKey.valueOf("meshgate.ratelimit.decision");

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RateLimitHeaders() {
    }

    /**
     * What the request phase returns for {@code decision}: go on (remembering the decision for the
     * response headers), or 429 with every field set.
     */
    public static FilterResult onDecision(Exchange exchange, @Nullable Decision decision) {
        if (decision == null) {
            return FilterResult.next();
        }
        if (decision.allowed()) {
            exchange.attr(DECISION, decision);
            return FilterResult.next();
        }
        FilterResult.Respond r = FilterResult.error(429, "rate limit exceeded");
        set(r.headers(), decision);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(decision.retryAfterNanos()))));
        return r;
    }

    /**
     * Adds the fields of the exchange's admitted decision to its response head, unless the head
     * already describes a tighter limit (as many or fewer tokens left): another limit on the route
     * refused the request, or counted it closer to its end.
     */
    public static void onResponse(Exchange exchange) {
        Decision decision = exchange.attr(DECISION);
        if (decision == null || exchange.status() == 0) {
            return;
        }
        HttpHeaders headers = exchange.responseHeaders();
        String existing = headers.get(REMAINING);
        if (existing != null) {
            try {
                if (Long.parseLong(existing.trim()) <= decision.remaining()) {
                    return;
                }
            } catch (NumberFormatException ignored) {
                // not ours and not readable: replace it
            }
        }
        set(headers, decision);
    }

    /** Sets the RateLimit fields for {@code decision} on {@code headers}. */
    static void set(HttpHeaders headers, Decision decision) {
        headers.set(LIMIT, decision.quota().limitField());
        headers.set(REMAINING, Long.toString(decision.remaining()));
        headers.set(RESET, Long.toString(ceilSeconds(decision.resetNanos())));
        headers.set(POLICY, decision.quota().policyField());
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
