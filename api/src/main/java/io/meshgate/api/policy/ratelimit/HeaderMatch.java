package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A header condition of a client selector.
 *
 * @param type Exact, RegularExpression or Distinct, default {@code Exact}
 * @param name the header name, required
 * @param value the value or regular expression; required for Exact and RegularExpression, absent for Distinct
 * @param invert select requests that do NOT match, default false; not with Distinct
 */
public record HeaderMatch(HeaderMatchType type, String name, @Nullable String value, Boolean invert) {
    public HeaderMatch(@Nullable HeaderMatchType type, @Nullable String name, @Nullable String value,
                       @Nullable Boolean invert) {
        this.type = Checks.orDefault(type, HeaderMatchType.Exact);
        this.name = Checks.headerName(Checks.requiredText(name, "name"), "name");
        this.invert = Checks.orDefault(invert, false);
        if (this.type == HeaderMatchType.Distinct) {
            Checks.check(value == null, "value", "must be absent when type is Distinct");
            Checks.check(!this.invert, "invert", "must be absent when type is Distinct");
        } else {
            Checks.check(value != null, "value", "required when type is " + this.type);
            if (this.type == HeaderMatchType.RegularExpression) {
                Checks.regex(value, "value");
            }
        }
        this.value = value;
    }
}
