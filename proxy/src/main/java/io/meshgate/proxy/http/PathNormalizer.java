package io.meshgate.proxy.http;

import io.meshgate.api.policy.EscapedSlashesAction;
import io.meshgate.proxy.snapshot.PathNormalization;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Normalizes an origin-form request target before routing, so that the route, the policies attached to it and
 * the backend all read one path (RFC 3986 section 6.2.2, as Envoy's {@code normalize_path} and
 * {@code merge_slashes}): percent-encoded unreserved characters are decoded and other escapes upper-cased, a raw
 * backslash becomes a slash, repeated slashes merge, and dot segments are removed. Without this,
 * {@code /public/../admin} matches a {@code /public} route while the backend serves {@code /admin}. The query
 * string is left as received.
 */
final class PathNormalizer {

    /**
     * The outcome for one target.
     *
     * @param target the normalized target (path plus the original query)
     * @param rejection why the target is refused (400), or null
     * @param redirect whether the client should be redirected to {@code target} (escaped slashes were unescaped)
     */
    record Normalized(String target, @Nullable String rejection, boolean redirect) {}

    private PathNormalizer() {
    }

    static Normalized normalize(String target, PathNormalization config) {
        int q = target.indexOf('?');
        int end = q < 0 ? target.length() : q;
        if (target.equals("*") || isNormal(target, end, config.mergeSlashes())) {
            return new Normalized(target, null, false);
        }
        StringBuilder path = new StringBuilder(end);
        boolean unescapedSlash = false;
        for (int i = 0; i < end; i++) {
            char c = target.charAt(i);
            if (c == '\\') {
                path.append('/');
            } else if (c != '%') {
                path.append(c);
            } else {
                int hi = i + 2 < end ? Character.digit(target.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(target.charAt(i + 2), 16);
                if (lo < 0) {
                    return new Normalized(target, "invalid percent-encoding in path", false);
                }
                char decoded = (char) (hi * 16 + lo);
                i += 2;
                if (isUnreserved(decoded)) {
                    path.append(decoded);
                } else if (decoded == '/' || decoded == '\\') {
                    EscapedSlashesAction action = config.escapedSlashes();
                    if (action == EscapedSlashesAction.RejectRequest) {
                        return new Normalized(target, "escaped slash in path", false);
                    }
                    if (action == EscapedSlashesAction.KeepUnchanged) {
                        appendEscape(path, decoded);
                    } else {
                        path.append('/');
                        unescapedSlash = true;
                    }
                } else {
                    appendEscape(path, decoded);
                }
            }
        }
        String normalized = removeDotSegments(config.mergeSlashes() ? mergeSlashes(path) : path.toString());
        String result = q < 0 ? normalized : normalized + target.substring(q);
        boolean redirect = unescapedSlash && config.escapedSlashes() == EscapedSlashesAction.UnescapeAndRedirect;
        return new Normalized(result, null, redirect);
    }

    /** The common case costs one scan and no allocation: nothing to decode, merge or remove. */
    private static boolean isNormal(String target, int end, boolean mergeSlashes) {
        char previous = 0;
        for (int i = 0; i < end; i++) {
            char c = target.charAt(i);
            if (c == '%' || c == '\\' || (previous == '/' && (c == '.' || (c == '/' && mergeSlashes)))) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void appendEscape(StringBuilder sb, char c) {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
    }

    private static String mergeSlashes(CharSequence path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || sb.length() == 0 || sb.charAt(sb.length() - 1) != '/') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RFC 3986 section 5.2.4 for an absolute path; {@code ..} never climbs above the root. */
    private static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(s);
            }
        }
        return "/" + String.join("/", out);
    }
}
