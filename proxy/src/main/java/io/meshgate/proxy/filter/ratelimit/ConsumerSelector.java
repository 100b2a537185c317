package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.http.Exchange;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Selects requests by the consumer an authentication filter identified
 * ({@link AuthAttributes#IDENTITY}); requests without one never match. Rate limits run after
 * authentication ({@link io.meshgate.proxy.filter.Phase#RATE_LIMIT}), so the identity is set by then.
 *
 * @param match EXACT (only {@code name}, one shared bucket) or DISTINCT (each consumer its own bucket)
 * @param name the consumer for EXACT; null for DISTINCT
 */
public record ConsumerSelector(ClientSelector.Match match, @Nullable String name) implements ClientSelector {

    public ConsumerSelector {
        Objects.requireNonNull(match, "match");
        if (match == Match.REGULAR_EXPRESSION) {
            throw new IllegalArgumentException("match: " + match + " (expected: EXACT or DISTINCT)");
        }
        if (match == Match.EXACT && name == null) {
            throw new IllegalArgumentException("name: null (expected: a consumer name for EXACT)");
        }
    }

    /** Each consumer gets its own bucket. */
    public static ConsumerSelector distinct() {
        return new ConsumerSelector(Match.DISTINCT, null);
    }

    /** Only consumer {@code name}. */
    public static ConsumerSelector exact(String name) {
        return new ConsumerSelector(Match.EXACT, name);
    }

    @Override
    public boolean isDistinct() {
        return match == Match.DISTINCT;
    }

    @Override
    public @Nullable String select(Exchange exchange) {
        AuthenticatedIdentity identity = exchange.attr(AuthAttributes.IDENTITY);
        if (identity == null) {
            return null;
        }
        if (match == Match.DISTINCT) {
            return identity.consumer();
        }
        return identity.consumer().equals(name) ? SHARED : null;
    }
}
