package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A query parameter match. Names compare case-sensitively; the first occurrence of a parameter is matched.
 *
 * @param type Exact or RegularExpression, default {@code Exact}
 * @param name the parameter name, required (at most 256 characters)
 * @param value the value or regular expression, required (at most 1024 characters)
 */
public record HttpQueryParamMatch(MatchType type, String name, String value) {
    public HttpQueryParamMatch {
        type = Checks.orDefault(type, MatchType.Exact);
        name = Checks.requiredText(name, "name");
        Checks.check(name.length() <= 256, "name", name.length() + " characters (expected: at most 256)");
        value = Checks.required(value, "value");
        Checks.check(value.length() <= 1024, "value", value.length() + " characters (expected: at most 1024)");
        if (type == MatchType.RegularExpression) {
            Checks.regex(value, "value");
        }
    }
}
