package io.meshgate.proxy.filter.cors;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One allowed origin of a CORS policy: {@code *} (any), or {@code scheme://host[:port]} where the
 * scheme may be followed by {@code *} alone ({@code https://*}), the host may start with one
 * wildcard label ({@code https://*.example.com}, matching any depth of subdomain but not the bare
 * domain) and the port may be {@code *}. A pattern without a port matches only the scheme's
 * default port, as browsers omit it from the serialized origin.
 */
public final class OriginPattern {

    private static final OriginPattern ANY = new OriginPattern("*", null, null, true, -1);

    private final String text;
    private final @Nullable String scheme;
    private final @Nullable String host;
    private final boolean wildcardHost;
    private final int port;

    private OriginPattern(String text, @Nullable String scheme, @Nullable String host, boolean wildcardHost, int port) {
        this.text = text;
        this.scheme = scheme;
        this.host = host;
        this.wildcardHost = wildcardHost;
        this.port = port;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when {@code text} is not a pattern described above
     */
    public static OriginPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("*")) {
            return ANY;
        }
        Origin origin = Origin.parse(text.toLowerCase(Locale.ROOT), true);
        if (origin == null) {
            throw new IllegalArgumentException("origin: " + text
                    + " (expected: *, or scheme://host[:port] with an optional leading *. label and port *)");
        }
        String h = origin.host();
        boolean wildcard = h.equals("*") || h.startsWith("*.");
        if (!wildcard && h.contains("*")) {
            throw new IllegalArgumentException("origin: " + text + " (expected: * only as the first host label)");
        }
        return new OriginPattern(text, origin.scheme(), h.equals("*") ? "" : wildcard ? h.substring(1) : h, wildcard,
                origin.port());
    }

    /** Whether this is {@code *}, matching every origin. */
    public boolean isAny() {
        return this == ANY;
    }

    /** Whether the serialized origin {@code origin} (as sent in the Origin header) matches. */
    public boolean matches(@Nullable Origin origin) {
        if (isAny()) {
            return true;
        }
        if (origin == null || !origin.scheme().equals(scheme)) {
            return false;
        }
        if (port != Origin.ANY_PORT && port != origin.port()) {
            return false;
        }
        if (wildcardHost) {
            // host holds ".example.com" (or "" for https://*): a non-empty label must precede it.
            return origin.host().length() > host.length() && origin.host().endsWith(host);
        }
        return origin.host().equals(host);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A serialized origin, {@code scheme://host[:port]} (RFC 6454 §6.2), with its effective port.
     *
     * @param scheme lower-case scheme
     * @param host lower-case host, IPv6 literals in brackets
     * @param port effective port, or {@link #ANY_PORT} in a pattern
     */
    public record Origin(String scheme, String host, int port) {

        /** The port of a pattern that accepts any port. */
        public static final int ANY_PORT = -2;

        /** Parses an Origin header value; null for {@code null}, opaque or malformed origins. */
        public static @Nullable Origin parse(String value) {
            return parse(value.toLowerCase(Locale.ROOT), false);
        }

        private static @Nullable Origin parse(String value, boolean pattern) {
            int sep = value.indexOf("://");
            if (sep <= 0) {
                return null;
            }
            String scheme = value.substring(0, sep);
            String rest = value.substring(sep + 3);
            if (rest.isEmpty() || rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0
                    || rest.indexOf('@') >= 0) {
                return null;
            }
            String host = rest;
            int port = defaultPort(scheme);
            int colon = rest.startsWith("[") ? rest.indexOf(':', rest.indexOf(']')) : rest.lastIndexOf(':');
            if (colon >= 0) {
                host = rest.substring(0, colon);
                String p = rest.substring(colon + 1);
                if (pattern && p.equals("*")) {
                    port = ANY_PORT;
                } else {
                    try {
                        port = Integer.parseInt(p);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    if (port < 0 || port > 65535 || p.startsWith("+")) {
                        return null;
                    }
                }
            }
            if (host.isEmpty()) {
                return null;
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                        || c == '[' || c == ']' || c == ':' || pattern && c == '*';
                if (!ok) {
                    return null;
                }
            }
            return new Origin(scheme, host, port);
        }

        private static int defaultPort(String scheme) {
            return switch (scheme) {
                case "http", "ws" -> 80;
                case "https", "wss" -> 443;
                default -> -1;
            };
        }
    }
}
