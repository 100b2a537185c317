package io.meshgate.proxy.route;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code HTTPPathMatch}, compiled: Exact, PathPrefix (element-wise) or
 * RegularExpression (Java regex, matched against the whole path).
 *
 * <p>Matching is case-sensitive and looks at the path without its query string, as received.
 */
public final class PathMatch {

    /** How the value is compared with the request path. */
    public enum Type {
        /** The path equals the value: {@code /abc} matches {@code /abc} only, not {@code /abc/} or {@code /abcd}. */
        EXACT,
        /** The value is a prefix in whole path elements: {@code /abc} matches {@code /abc}, {@code /abc/}, {@code /abc/d}, not {@code /abcd}. */
        PATH_PREFIX,
        /** The whole path matches a Java regular expression. */
        REGULAR_EXPRESSION
    }

    private static final PathMatch ROOT_PREFIX = new PathMatch(Type.PATH_PREFIX, "/", null);

    private final Type type;
    private final String value;
    private final @Nullable Pattern regex;
    /** For PATH_PREFIX: the value without its trailing slash ({@code ""} for {@code "/"}). */
    private final String prefix;

    private PathMatch(Type type, String value, @Nullable Pattern regex) {
        this.type = type;
        this.value = value;
        this.regex = regex;
        this.prefix = type == Type.PATH_PREFIX && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** An Exact match on {@code value} (expected: starts with {@code /}). */
    public static PathMatch exact(String value) {
        return new PathMatch(Type.EXACT, checkPath(value), null);
    }

    /** A PathPrefix match on {@code value} (expected: starts with {@code /}); a trailing slash is ignored. */
    public static PathMatch prefix(String value) {
        return "/".equals(value) ? ROOT_PREFIX : new PathMatch(Type.PATH_PREFIX, checkPath(value), null);
    }

    /** The default match of the spec: PathPrefix {@code /}, which matches every path. */
    public static PathMatch any() {
        return ROOT_PREFIX;
    }

    /**
     * A RegularExpression match.
     *
     * @throws IllegalArgumentException when {@code regex} is not a valid Java regular expression
     */
    public static PathMatch regex(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return new PathMatch(Type.REGULAR_EXPRESSION, regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + regex + "'", e);
        }
    }

    private static String checkPath(String value) {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + value + "' (expected: starts with '/')");
        }
        if (value.contains("//")) {
            throw new IllegalArgumentException("path: '" + value + "' (expected: no '//')");
        }
        return value;
    }

    /** The match type. */
    public Type type() {
        return type;
    }

    /** The value as configured. */
    public String value() {
        return value;
    }

    /**
     * For a PathPrefix match, the prefix without a trailing slash ({@code ""} for {@code /}): the part
     * of the path that ReplacePrefixMatch replaces. For other types, the value.
     */
    public String normalizedPrefix() {
        return prefix;
    }

    /**
     * The longest path, in whole elements and without a trailing slash, that every path this
     * match accepts starts with: the value for Exact and PathPrefix, and for a regular expression
     * the literal text before its first special character, cut back to the last {@code /}
     * ({@code ""} when nothing is certain, e.g. with alternation or inline flags).
     */
    public String literalPrefix() {
        if (type != Type.REGULAR_EXPRESSION) {
            return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }
        if (value.indexOf('|') >= 0) {
            return "";
        }
        int end = 0;
        while (end < value.length() && "\\^$.|?*+()[]{}".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        if (end < value.length() && "?*{".indexOf(value.charAt(end)) >= 0) {
            end--; // the character before an optional quantifier may be absent
        }
        String literal = value.substring(0, Math.max(end, 0));
        int slash = literal.lastIndexOf('/');
        return literal.startsWith("/") && slash > 0 ? literal.substring(0, slash) : "";
    }

    /** Whether {@code path} (without query) matches. */
    public boolean matches(String path) {
        return switch (type) {
            case EXACT -> value.equals(path);
            case PATH_PREFIX -> prefixMatches(prefix, path);
            case REGULAR_EXPRESSION -> regex.matcher(path).matches();
        };
    }

    /** Element-wise prefix test: {@code prefix} (no trailing slash) followed by end of path or {@code /}. */
    static boolean prefixMatches(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathMatch p && p.type == type && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return type + " " + value;
    }
}
