package io.meshgate.api.apimgmt.openapi;

import java.util.Locale;

/** Where a parameter travels: the OpenAPI {@code in} field. */
public enum ParameterLocation {
    /** A templated path segment, e.g. {@code {id}} in {@code /accounts/{id}}. */
    PATH,
    /** A query string parameter. */
    QUERY,
    /** A request header. */
    HEADER,
    /** A cookie in the Cookie header. */
    COOKIE;

    /** The name used in the document and in error locations: {@code path}, {@code query}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the OpenAPI {@code in} value, or returns null when it is not one of the four. */
    public static ParameterLocation fromWire(String in) {
        for (ParameterLocation l : values()) {
            if (l.wireName().equals(in)) {
                return l;
            }
        }
        return null;
    }
}
