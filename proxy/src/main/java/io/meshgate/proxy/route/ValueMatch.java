package io.meshgate.proxy.route;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * How a header or query parameter value is compared: Exact (case-sensitive) or RegularExpression
 * (Java regex, matched against the whole value).
 */
public final class ValueMatch {

    private final String value;
    private final @Nullable Pattern regex;

    private ValueMatch(String value, @Nullable Pattern regex) {
        this.value = value;
        this.regex = regex;
    }

    /** Matches exactly {@code value}. */
    public static ValueMatch exact(String value) {
        return new ValueMatch(Objects.requireNonNull(value, "value"), null);
    }

    /**
     * Matches values that {@code regex} matches in whole.
     *
     * @throws IllegalArgumentException when {@code regex} is not a valid Java regular expression
     */
    public static ValueMatch regex(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return new ValueMatch(regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + regex + "'", e);
        }
    }

    /** Whether this is a regular expression match. */
    public boolean isRegex() {
        return regex != null;
    }

    /** The exact value or the regular expression, as configured. */
    public String value() {
        return value;
    }

    /** Whether {@code actual} matches. */
    public boolean matches(String actual) {
        return regex == null ? value.equals(actual) : regex.matcher(actual).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueMatch v && v.value.equals(value) && v.isRegex() == isRegex();
    }

    @Override
    public int hashCode() {
        return value.hashCode() * 2 + (isRegex() ? 1 : 0);
    }

    @Override
    public String toString() {
        return (isRegex() ? "~" : "=") + value;
    }
}
