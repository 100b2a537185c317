package io.meshgate.api.route;

/** How a header or query parameter match compares values; spelled as in YAML. */
public enum MatchType {
    /** The value equals (case-sensitive). */
    Exact,
    /** The whole value matches a java.util.regex regular expression. */
    RegularExpression
}
