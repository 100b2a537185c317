package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.http.Exchange;
import org.jspecify.annotations.Nullable;

/**
 * One condition of a rate-limit rule that picks the clients the rule applies to (Envoy Gateway's
 * {@code clientSelectors}), and, for {@code Distinct} selectors, which bucket a client gets.
 */
public sealed interface ClientSelector permits HeaderSelector, SourceCidrSelector, ConsumerSelector {

    /** Returned by {@link #select} when the request matches and the selector does not split buckets. */
    String SHARED = "";

    /**
     * The bucket-key part this selector gives the request: null when the request does not match
     * (the rule does not apply), {@link #SHARED} when it matches with one bucket for all matching
     * requests, or the distinct value (header value, client IP, consumer name) otherwise.
     */
    @Nullable String select(Exchange exchange);

    /** Whether each distinct value (header value, client IP, consumer) gets its own bucket. */
    boolean isDistinct();

    /** How a selector matches. */
    enum Match {
        /** The value equals the configured one; all matching requests share one bucket. */
        EXACT,
        /** The value fully matches a regular expression; all matching requests share one bucket. */
        REGULAR_EXPRESSION,
        /** Any present value; each distinct value gets its own bucket. */
        DISTINCT
    }
}
