package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.http.Exchange;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limit rule: the clients it applies to and their quota. A rule with no selectors
 * applies to every request of the route. Every matching rule of a route counts the request;
 * it is refused when any of them is exhausted.
 *
 * @param id the identity of the rule's buckets: rules with the same id share buckets (the Redis keys
 *     start with it), e.g. {@code policy-ns/policy/route-ns/route/0}; stable across reloads
 * @param selectors conditions that must all hold for the rule to apply
 * @param quota the limit
 */
public record RateLimitRule(String id, List<ClientSelector> selectors, Quota quota) {

    public RateLimitRule {
        Objects.requireNonNull(id, "id");
        selectors = List.copyOf(selectors);
        Objects.requireNonNull(quota, "quota");
    }

    /** Whether some selector gives each client its own bucket. */
    public boolean isDistinct() {
        for (ClientSelector s : selectors) {
            if (s.isDistinct()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bucket key of the request within this rule: null when the rule does not apply,
     * {@link ClientSelector#SHARED} when all matching requests share one bucket, else the distinct
     * values of the selectors joined by {@code '|'} (with {@code '|'} and {@code '\'} escaped so two
     * different value tuples never make the same key).
     */
    public @Nullable String bucketKey(Exchange exchange) {
        String first = null;
        StringBuilder key = null;
        for (ClientSelector s : selectors) {
            String part = s.select(exchange);
            if (part == null) {
                return null;
            }
            if (!s.isDistinct()) {
                continue;
            }
            if (first == null) {
                first = part;
                continue;
            }
            if (key == null) {
                key = new StringBuilder(first.length() + part.length() + 8);
                appendEscaped(key, first);
            }
            key.append('|');
            appendEscaped(key, part);
        }
        if (key != null) {
            return key.toString();
        }
        if (first == null) {
            return ClientSelector.SHARED;
        }
        // One distinct value needing no escape is its own key: no copy, and its hash stays cached.
        if (first.indexOf('|') < 0 && first.indexOf('\\') < 0) {
            return first;
        }
        StringBuilder escaped = new StringBuilder(first.length() + 8);
        appendEscaped(escaped, first);
        return escaped.toString();
    }

    private static void appendEscaped(StringBuilder b, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '|' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
    }
}
