package io.meshgate.proxy.http;

/**
 * Checks a Host header or {@code :authority} against RFC 3986's {@code host [":" port]} (no userinfo, RFC 9110
 * section 4.2.4 and RFC 9113 section 8.3.1). A host with spaces, {@code @} or a path would route on one reading
 * and be served on another, so it gets 400.
 */
final class Authorities {

    private Authorities() {
    }

    /** Whether {@code authority} is a valid host with an optional port; empty is valid (no authority). */
    static boolean isValid(String authority) {
        int n = authority.length();
        int i = 0;
        if (n > 0 && authority.charAt(0) == '[') {
            int close = authority.indexOf(']');
            if (close < 0 || !isIpLiteral(authority, 1, close)) {
                return false;
            }
            i = close + 1;
        } else {
            while (i < n && authority.charAt(i) != ':') {
                if (!isRegNameChar(authority.charAt(i))) {
                    return false;
                }
                i++;
            }
        }
        if (i == n) {
            return true;
        }
        if (authority.charAt(i) != ':' || n - i - 1 > 5) {
            return false;
        }
        for (int p = i + 1; p < n; p++) {
            char c = authority.charAt(p);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpLiteral(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == 'v' || c == 'V' || isRegNameChar(c))) {
                return false;
            }
        }
        return true;
    }

    /** unreserved / pct-encoded / sub-delims. */
    private static boolean isRegNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~%!$&'()*+,;=".indexOf(c) >= 0;
    }
}
