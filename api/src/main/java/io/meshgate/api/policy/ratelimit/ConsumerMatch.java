package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A consumer condition of a client selector (a meshgate extension of Envoy Gateway's shape): the
 * Consumer a SecurityPolicy authenticated the request as (API key, JWT subject, basic auth, client
 * certificate). Requests with no authenticated consumer never match, so put the rate limit on a
 * route that requires authentication, or add a second rule for anonymous clients (by sourceCIDR).
 *
 * @param type {@code Exact} (default): only the consumer named by {@code value}; {@code Distinct}: every
 *     consumer, each with its own bucket
 * @param value the consumer's name; required for Exact, absent for Distinct
 */
public record ConsumerMatch(Type type, @Nullable String value) {
    /** How consumers are counted. */
    public enum Type { Exact, Distinct }

    public ConsumerMatch(@Nullable Type type, @Nullable String value) {
        this.type = Checks.orDefault(type, Type.Exact);
        if (this.type == Type.Distinct) {
            Checks.check(value == null, "value", "must be absent when type is Distinct");
        } else {
            Checks.requiredText(value, "value");
        }
        this.value = value;
    }
}
