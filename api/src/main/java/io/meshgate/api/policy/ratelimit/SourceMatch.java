package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.Cidr;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A client address condition of a client selector (the client address is taken after the trusted
 * X-Forwarded-For hops).
 *
 * @param type {@code Exact} (all addresses in the range share one bucket, the default) or {@code Distinct}
 *     (each address gets its own bucket)
 * @param value the range in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code 0.0.0.0/0}, required
 */
public record SourceMatch(Type type, String value) {
    /** How addresses in the range are counted. */
    public enum Type { Exact, Distinct }

    public SourceMatch(@Nullable Type type, @Nullable String value) {
        this.type = Checks.orDefault(type, Type.Exact);
        this.value = Checks.requiredText(value, "value");
        try {
            Cidr.parse(this.value);
        } catch (IllegalArgumentException e) {
            throw Checks.invalid("value", e.getMessage());
        }
    }

    /** The parsed range. */
    public Cidr cidr() {
        return Cidr.parse(value);
    }
}
