package io.meshgate.proxy.route;

import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Objects;

/**
 * A Gateway API {@code HTTPHeaderMatch}: the named request header (case-insensitive name) must be
 * present and its value must match. A header sent several times is matched against its values
 * joined with {@code ","} (RFC 9110 section 5.3).
 *
 * @param name the header name, lower-cased
 * @param value how the value is compared
 */
public record HeaderMatch(AsciiString name, ValueMatch value) {
    public HeaderMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A match on header {@code name} (any case). */
    public static HeaderMatch of(String name, ValueMatch value) {
        return new HeaderMatch(AsciiString.of(name.toLowerCase(Locale.ROOT)), value);
    }
}
