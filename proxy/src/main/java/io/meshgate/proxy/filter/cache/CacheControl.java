package io.meshgate.proxy.filter.cache;

import java.util.List;
import java.util.Locale;

/**
 * The directives of {@code Cache-Control} header fields that matter to a shared cache
 * (RFC 9111 section 5.2). Unknown directives are ignored, as the RFC asks.
 *
 * @param maxAge {@code max-age} in seconds, or -1
 * @param sMaxAge {@code s-maxage} in seconds, or -1
 * @param noStore {@code no-store}
 * @param noCache {@code no-cache} (with or without field names)
 * @param isPrivate {@code private} (with or without field names)
 * @param isPublic {@code public}
 * @param mustRevalidate {@code must-revalidate} or {@code proxy-revalidate}
 * @param onlyIfCached {@code only-if-cached} (a request directive)
 */
record CacheControl(long maxAge, long sMaxAge, boolean noStore, boolean noCache, boolean isPrivate, boolean isPublic,
                    boolean mustRevalidate, boolean onlyIfCached) {

    private static final long MAX_DELTA = 1L << 31;

    static final CacheControl NONE = new CacheControl(-1, -1, false, false, false, false, false, false);

    /** Parses every {@code Cache-Control} field line of a message. */
    static CacheControl parse(List<String> fieldValues) {
        if (fieldValues.isEmpty()) {
            return NONE;
        }
        long maxAge = -1;
        long sMaxAge = -1;
        boolean noStore = false;
        boolean noCache = false;
        boolean isPrivate = false;
        boolean isPublic = false;
        boolean mustRevalidate = false;
        boolean onlyIfCached = false;
        for (String value : fieldValues) {
            for (String directive : splitDirectives(value)) {
                int eq = directive.indexOf('=');
                String name = (eq < 0 ? directive : directive.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String arg = eq < 0 ? "" : unquote(directive.substring(eq + 1).trim());
                switch (name) {
                    case "max-age" -> maxAge = seconds(arg, maxAge);
                    case "s-maxage" -> sMaxAge = seconds(arg, sMaxAge);
                    case "no-store" -> noStore = true;
                    case "no-cache" -> noCache = true;
                    case "private" -> isPrivate = true;
                    case "public" -> isPublic = true;
                    case "must-revalidate", "proxy-revalidate" -> mustRevalidate = true;
                    case "only-if-cached" -> onlyIfCached = true;
                    default -> { }
                }
            }
        }
        return new CacheControl(maxAge, sMaxAge, noStore, noCache, isPrivate, isPublic, mustRevalidate, onlyIfCached);
    }

    // RFC 9111 section 1.2.2: delta-seconds; an invalid value makes the directive count as absent,
    // and a value too large to represent counts as 2^31.
    private static long seconds(String arg, long previous) {
        if (arg.isEmpty() || !arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return previous;
        }
        return arg.length() > 10 ? MAX_DELTA : Math.min(Long.parseLong(arg), MAX_DELTA);
    }

    // Commas inside quoted strings (private="a, b") do not split directives.
    private static List<String> splitDirectives(String value) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                add(out, value.substring(start, i));
                start = i + 1;
            }
        }
        add(out, value.substring(start));
        return out;
    }

    private static void add(List<String> out, String directive) {
        String d = directive.trim();
        if (!d.isEmpty()) {
            out.add(d);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
