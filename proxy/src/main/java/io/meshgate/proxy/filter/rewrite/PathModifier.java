package io.meshgate.proxy.filter.rewrite;

import java.util.Objects;

/**
 * A Gateway API {@code HTTPPathModifier}, used by URLRewrite and RequestRedirect: replace the
 * whole path, or only the part that a PathPrefix match matched. The query string is kept.
 */
public sealed interface PathModifier permits PathModifier.ReplaceFullPath, PathModifier.ReplacePrefixMatch {

    /** The new path for {@code path} (without query). */
    String apply(String path);

    /** Applies to a request target (path plus optional {@code ?query}), keeping the query. */
    default String applyToTarget(String target) {
        int q = target.indexOf('?');
        return q < 0 ? apply(target) : apply(target.substring(0, q)) + target.substring(q);
    }

    /**
     * Replaces the whole path.
     *
     * @param path the new path (expected: starts with {@code /})
     */
    record ReplaceFullPath(String path) implements PathModifier {
        public ReplaceFullPath {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("replaceFullPath: '" + path + "' (expected: starts with '/')");
            }
        }

        @Override
        public String apply(String ignored) {
            return path;
        }
    }

    /**
     * Replaces the matched prefix, element-wise, as the spec's table shows: prefix {@code /foo}
     * with {@code /xyz} turns {@code /foo/bar} into {@code /xyz/bar} and {@code /foo/} into
     * {@code /xyz/}; with an empty replacement {@code /foo/bar} becomes {@code /bar} and {@code /foo}
     * becomes {@code /}. A trailing slash of the prefix or of the replacement is ignored.
     *
     * @param matchedPrefix the PathPrefix value of the route match (expected: starts with {@code /})
     * @param replacement the new prefix (empty or starts with {@code /})
     */
    record ReplacePrefixMatch(String matchedPrefix, String replacement) implements PathModifier {
        public ReplacePrefixMatch {
            Objects.requireNonNull(matchedPrefix, "matchedPrefix");
            Objects.requireNonNull(replacement, "replacement");
            if (!matchedPrefix.startsWith("/")) {
                throw new IllegalArgumentException("matchedPrefix: '" + matchedPrefix
                        + "' (expected: starts with '/')");
            }
            if (!replacement.isEmpty() && !replacement.startsWith("/")) {
                throw new IllegalArgumentException("replacePrefixMatch: '" + replacement
                        + "' (expected: empty or starts with '/')");
            }
        }

        @Override
        public String apply(String path) {
            String prefix = stripTrailingSlash(matchedPrefix);
            // The route matched, so the path is the prefix followed by nothing or by "/...".
            String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
            String result = stripTrailingSlash(replacement) + rest;
            return result.isEmpty() ? "/" : result;
        }

        private static String stripTrailingSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
