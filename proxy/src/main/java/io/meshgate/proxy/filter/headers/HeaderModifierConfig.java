package io.meshgate.proxy.filter.headers;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Gateway API {@code HTTPHeaderFilter}: headers to set (replace), add (append a value) and
 * remove. Header names are case-insensitive, and a name may appear in one action only, as the
 * spec requires.
 *
 * @param set name to value; replaces any value the message had
 * @param add name to value; appended after any value the message had
 * @param remove names removed from the message
 */
public record HeaderModifierConfig(Map<String, String> set, Map<String, String> add, List<String> remove) {

    public HeaderModifierConfig {
        set = checked(set, "set");
        add = checked(add, "add");
        remove = List.copyOf(remove);
        Set<String> seen = new HashSet<>();
        for (String name : set.keySet()) {
            seen.add(name.toLowerCase(Locale.ROOT));
        }
        for (String name : add.keySet()) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("add: header '" + name
                        + "' already has an action (expected: one action per header name)");
            }
        }
        for (String name : remove) {
            checkName(name, "remove");
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("remove: header '" + name
                        + "' already has an action (expected: one action per header name)");
            }
        }
    }

    private static Map<String, String> checked(Map<String, String> headers, String field) {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            checkName(h.getKey(), field);
            if (!names.add(h.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(field + ": header '" + h.getKey()
                        + "' listed twice (expected: one action per header name)");
            }
            String value = Objects.requireNonNull(h.getValue(), "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException(field + ": value of header '" + h.getKey()
                            + "' contains CR, LF or NUL (expected: a single-line value)");
                }
            }
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    private static void checkName(String name, String field) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(field + ": empty header name (expected: an RFC 9110 token)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException(field + ": header name '" + name
                        + "' (expected: an RFC 9110 token)");
            }
        }
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return set.isEmpty() && add.isEmpty() && remove.isEmpty();
    }
}
