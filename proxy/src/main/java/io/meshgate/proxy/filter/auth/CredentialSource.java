package io.meshgate.proxy.filter.auth;

import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a request carries a credential (an API key, a JWT): a header (with an optional scheme
 * prefix such as {@code "Bearer "}), a query parameter or a cookie. Knows how to read it and how to
 * strip it before the request goes upstream, so the backend never sees the secret.
 */
public sealed interface CredentialSource {

    /** The credential, or null when this source does not carry one. */
    @Nullable String extract(Exchange exchange);

    /** Removes the credential from the request. */
    void remove(Exchange exchange);

    /** A short description for logs and error messages, e.g. {@code header x-api-key}. */
    String describe();

    /**
     * A header; with a non-empty {@code valuePrefix}, only values starting with it (compared
     * case-insensitively, as auth schemes are, RFC 9110 §11.1) count, and the prefix is cut off.
     */
    record Header(String name, String valuePrefix) implements CredentialSource {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(valuePrefix, "valuePrefix");
        }

        /** A header whose whole value is the credential. */
        public static Header of(String name) {
            return new Header(name, "");
        }

        @Override
        public @Nullable String extract(Exchange exchange) {
            if (valuePrefix.isEmpty()) {
                // Only the first value counts; get() spares building the list of all of them.
                String value = exchange.requestHeaders().get(name);
                String v = value == null ? "" : value.strip();
                return v.isEmpty() ? null : v;
            }
            for (String value : exchange.requestHeaders().getAll(name)) {
                String v = value.strip();
                if (v.regionMatches(true, 0, valuePrefix, 0, valuePrefix.length())) {
                    String rest = v.substring(valuePrefix.length()).strip();
                    return rest.isEmpty() ? null : rest;
                }
            }
            return null;
        }

        @Override
        public void remove(Exchange exchange) {
            if (valuePrefix.isEmpty()) {
                exchange.requestHeaders().remove(name);
                return;
            }
            // Keep values of other schemes (e.g. an Authorization meant for the backend).
            List<String> keep = new ArrayList<>();
            for (String value : exchange.requestHeaders().getAll(name)) {
                if (!value.strip().regionMatches(true, 0, valuePrefix, 0, valuePrefix.length())) {
                    keep.add(value);
                }
            }
            exchange.requestHeaders().remove(name);
            keep.forEach(v -> exchange.requestHeaders().add(name, v));
        }

        @Override
        public String describe() {
            return "header " + name;
        }
    }

    /** A query parameter, percent-decoded. */
    record QueryParam(String name) implements CredentialSource {
        public QueryParam {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public @Nullable String extract(Exchange exchange) {
            String query = exchange.rawQuery();
            if (query == null) {
                return null;
            }
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                String key = decode(eq < 0 ? part : part.substring(0, eq));
                if (key.equals(name) && eq >= 0) {
                    String value = decode(part.substring(eq + 1));
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
            return null;
        }

        @Override
        public void remove(Exchange exchange) {
            String query = exchange.rawQuery();
            if (query == null) {
                return;
            }
            List<String> keep = new ArrayList<>();
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (!decode(eq < 0 ? part : part.substring(0, eq)).equals(name)) {
                    keep.add(part);
                }
            }
            String path = exchange.pathOnly();
            exchange.path(keep.isEmpty() ? path : path + "?" + String.join("&", keep));
        }

        @Override
        public String describe() {
            return "query parameter " + name;
        }

        private static String decode(String s) {
            try {
                return QueryStringDecoder.decodeComponent(s);
            } catch (IllegalArgumentException badEscape) {
                return s;
            }
        }
    }

    /** A cookie; RFC 6265 §4.2 cookie-pairs, possibly spread over several Cookie fields (HTTP/2). */
    record Cookie(String name) implements CredentialSource {
        public Cookie {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public @Nullable String extract(Exchange exchange) {
            for (String header : exchange.requestHeaders().getAll(HttpHeaderNames.COOKIE)) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                        String value = pair.substring(eq + 1).strip();
                        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                            value = value.substring(1, value.length() - 1);
                        }
                        if (!value.isEmpty()) {
                            return value;
                        }
                    }
                }
            }
            return null;
        }

        @Override
        public void remove(Exchange exchange) {
            List<String> keep = new ArrayList<>();
            for (String header : exchange.requestHeaders().getAll(HttpHeaderNames.COOKIE)) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
                    if (!key.equals(name) && !pair.isBlank()) {
                        keep.add(pair.strip());
                    }
                }
            }
            exchange.requestHeaders().remove(HttpHeaderNames.COOKIE);
            if (!keep.isEmpty()) {
                exchange.requestHeaders().set(HttpHeaderNames.COOKIE, String.join("; ", keep));
            }
        }

        @Override
        public String describe() {
            return "cookie " + name;
        }
    }
}
