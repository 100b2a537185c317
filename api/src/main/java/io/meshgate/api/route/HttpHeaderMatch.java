package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A request header match. Header names compare case-insensitively.
 *
 * @param type Exact or RegularExpression, default {@code Exact}
 * @param name the header name, required
 * @param value the value or regular expression, required (at most 4096 characters)
 */
public record HttpHeaderMatch(MatchType type, String name, String value) {
    public HttpHeaderMatch {
        type = Checks.orDefault(type, MatchType.Exact);
        name = Checks.headerName(Checks.requiredText(name, "name"), "name");
        value = Checks.required(value, "value");
        Checks.check(value.length() <= 4096, "value", value.length() + " characters (expected: at most 4096)");
        if (type == MatchType.RegularExpression) {
            Checks.regex(value, "value");
        }
    }
}
