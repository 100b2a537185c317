package io.meshgate.api;

/**
 * Escaping for JSON string literals (RFC 8259 §7), for the short JSON bodies the gateway and its
 * test servers write by hand: quote, backslash, CR, LF and tab as two-character escapes, other
 * control characters as six-character {@code u00xx} escapes; everything else as is.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** {@code s} escaped for use inside a JSON string literal (without the quotes). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        appendEscaped(b, s);
        return b.toString();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 10).append('"');
        appendEscaped(b, s);
        return b.append('"').toString();
    }

    private static void appendEscaped(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }
}
