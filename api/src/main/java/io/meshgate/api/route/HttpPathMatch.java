package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A path match.
 *
 * @param type Exact, PathPrefix or RegularExpression; default {@code PathPrefix}
 * @param value the path or regular expression (at most 1024 characters), default {@code /}. Exact and PathPrefix
 *     values start with {@code /} and contain no {@code //}, {@code /./}, {@code /../}, {@code %2f} or {@code #}.
 */
public record HttpPathMatch(PathMatchType type, String value) {
    /** The default match: every path. */
    public static final HttpPathMatch ALL = new HttpPathMatch(PathMatchType.PathPrefix, "/");

    public HttpPathMatch {
        type = Checks.orDefault(type, PathMatchType.PathPrefix);
        value = Checks.orDefault(value, "/");
        Checks.check(value.length() <= 1024, "value", value.length() + " characters (expected: at most 1024)");
        if (type == PathMatchType.RegularExpression) {
            Checks.regex(value, "value");
        } else {
            checkPath(value, "value");
        }
    }

    /** Checks a literal path as the Gateway API does for Exact and PathPrefix matches. */
    static void checkPath(String value, String field) {
        Checks.check(value.startsWith("/"), field, Checks.quote(value) + " (expected: a path starting with /)");
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        for (String bad : new String[] {"//", "/./", "/../", "%2f", "#"}) {
            Checks.check(!lower.contains(bad), field, Checks.quote(value) + " (expected: no " + bad + " in the path)");
        }
        Checks.check(!value.endsWith("/..") && !value.endsWith("/."), field,
                Checks.quote(value) + " (expected: not ending in /. or /..)");
    }
}
