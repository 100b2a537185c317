package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.http.Exchange;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Selects requests by a header value. A missing header never matches (as in Envoy, even when
 * inverted); several fields of the same name are joined with {@code ","} (RFC 9110 §5.3).
 */
public final class HeaderSelector implements ClientSelector {

    private final String name;
    private final Match match;
    private final @Nullable String value;
    private final @Nullable Pattern pattern;
    private final boolean invert;

    /**
     * A header selector.
     *
     * @param name the header name, case-insensitive
     * @param match how the value is matched
     * @param value the exact value or the regular expression (full match); null for {@link Match#DISTINCT}
     * @param invert select requests whose value does NOT match (expected: false for DISTINCT)
     */
    public HeaderSelector(String name, Match match, @Nullable String value, boolean invert) {
        this.name = Objects.requireNonNull(name, "name");
        this.match = Objects.requireNonNull(match, "match");
        if (match != Match.DISTINCT && value == null) {
            throw new IllegalArgumentException("value: null (expected: a value for " + match + ")");
        }
        if (match == Match.DISTINCT && invert) {
            throw new IllegalArgumentException("invert: true (expected: false for DISTINCT)");
        }
        this.value = value;
        this.pattern = match == Match.REGULAR_EXPRESSION ? Pattern.compile(Objects.requireNonNull(value)) : null;
        this.invert = invert;
    }

    /** Selects requests whose header equals {@code value}. */
    public static HeaderSelector exact(String name, String value) {
        return new HeaderSelector(name, Match.EXACT, value, false);
    }

    /** Gives each distinct value of the header its own bucket. */
    public static HeaderSelector distinct(String name) {
        return new HeaderSelector(name, Match.DISTINCT, null, false);
    }

    /** Selects requests whose header fully matches {@code regex}. */
    public static HeaderSelector regex(String name, String regex) {
        return new HeaderSelector(name, Match.REGULAR_EXPRESSION, regex, false);
    }

    @Override
    public @Nullable String select(Exchange exchange) {
        List<String> values = exchange.requestHeaders().getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        String actual = values.size() == 1 ? values.get(0) : String.join(",", values);
        return switch (match) {
            case DISTINCT -> actual;
            case EXACT -> actual.equals(value) != invert ? SHARED : null;
            case REGULAR_EXPRESSION -> Objects.requireNonNull(pattern).matcher(actual).matches() != invert ? SHARED : null;
        };
    }

    @Override
    public boolean isDistinct() {
        return match == Match.DISTINCT;
    }

    @Override
    public String toString() {
        return "header " + name + " " + match + (value == null ? "" : " " + value) + (invert ? " inverted" : "");
    }
}
