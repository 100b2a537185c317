package io.meshgate.proxy.route;

import java.util.Objects;

/**
 * A Gateway API {@code HTTPQueryParamMatch}: the query parameter (exact, case-sensitive name) must
 * be present and its first value, percent-decoded, must match.
 *
 * @param name the parameter name
 * @param value how the value is compared
 */
public record QueryParamMatch(String name, ValueMatch value) {
    public QueryParamMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
