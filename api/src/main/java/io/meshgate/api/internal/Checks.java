package io.meshgate.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks for the compact constructors of api records. Every failure is an
 * {@link IllegalArgumentException} whose message starts with the field name and a colon, so the
 * loader can prefix the path of the enclosing record.
 */
public final class Checks {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private Checks() {}

    /** Throws {@code "<field>: <reason>"}. */
    public static IllegalArgumentException invalid(String field, String reason) {
        return new IllegalArgumentException(field + ": " + reason);
    }

    /** Fails unless {@code condition}. */
    public static void check(boolean condition, String field, String reason) {
        if (!condition) {
            throw invalid(field, reason);
        }
    }

    /** The value, or {@code "<field>: required"}. */
    public static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw invalid(field, "required");
        }
        return value;
    }

    /** A non-empty string, or fails. */
    public static String requiredText(@Nullable String value, String field) {
        if (value == null || value.isEmpty()) {
            throw invalid(field, "required");
        }
        return value;
    }

    /** The value or the default. */
    public static <T> T orDefault(@Nullable T value, T defaultValue) {
        return value == null ? defaultValue : value;
    }

    /** An immutable copy, empty for null; a null element fails with {@code "<field>[i]: required"}. */
    public static <T> List<T> list(@Nullable List<T> value, String field) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw invalid(field + "[" + i + "]", "required");
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(value));
    }

    /** An immutable, order-preserving copy, empty for null; null values become empty strings. */
    public static Map<String, String> map(@Nullable Map<String, String> value) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        value.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return Collections.unmodifiableMap(copy);
    }

    /** Checks {@code min <= value <= max}. */
    public static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw invalid(field, value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** Checks {@code min <= value <= max}. */
    public static long range(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw invalid(field, value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** Checks {@code value >= min}. */
    public static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw invalid(field, value + " (expected: >= " + min + ")");
        }
        return value;
    }

    /** Checks {@code value >= min}. */
    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw invalid(field, value + " (expected: >= " + min + ")");
        }
        return value;
    }

    /** Checks a Kubernetes object name (RFC 1123 subdomain, at most 253 characters). */
    public static String dnsSubdomain(String value, String field) {
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            throw invalid(field, quote(value) + " (expected: lowercase letters, digits, '-' and '.', "
                                 + "starting and ending with a letter or digit)");
        }
        return value;
    }

    /** Checks a namespace name or listener name (RFC 1123 label, at most 63 characters). */
    public static String dnsLabel(String value, String field) {
        if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            throw invalid(field, quote(value) + " (expected: at most 63 lowercase letters, digits and '-', "
                                 + "starting and ending with a letter or digit)");
        }
        return value;
    }

    /** Checks an HTTP header field name (RFC 9110 token). */
    public static String headerName(String value, String field) {
        if (value.length() > 256 || !HEADER_NAME.matcher(value).matches()) {
            throw invalid(field, quote(value) + " (expected: an HTTP header name)");
        }
        return value;
    }

    /** Checks that a header value has no CR, LF or NUL (they would split or corrupt the header block). */
    public static String headerValue(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw invalid(field, quote(value) + " (expected: no CR, LF or NUL characters)");
            }
        }
        return value;
    }

    /** Compiles a regular expression (java.util.regex syntax). */
    public static Pattern regex(String value, String field) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw invalid(field, quote(value) + " is not a valid regular expression (" + e.getDescription()
                                 + " near index " + e.getIndex() + ")");
        }
    }

    /** A string in double quotes, for messages. */
    public static String quote(String value) {
        return '"' + value + '"';
    }
}
