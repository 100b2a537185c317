package io.meshgate.api.route;

/** How a path match compares; spelled as in YAML. */
public enum PathMatchType {
    /** The whole path equals the value. */
    Exact,
    /** The path starts with the value, element by element ({@code /abc} matches {@code /abc/d}, not {@code /abcd}). */
    PathPrefix,
    /** The whole path matches the value as a java.util.regex regular expression. */
    RegularExpression
}
