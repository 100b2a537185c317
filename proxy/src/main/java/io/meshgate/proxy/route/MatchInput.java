package io.meshgate.proxy.route;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of one request that route matching looks at, split once per request: the path
 * without query, the host without port (lower case, no trailing dot), and the query parameters,
 * decoded only if some candidate route asks for one.
 */
final class MatchInput {

    private final HttpMethod method;
    private final String host;
    private final String path;
    private final @Nullable String query;
    private final HttpHeaders headers;
    private @Nullable String[] decodedQuery;
    /** The hostname of the listener that serves this request, or null when every listener may. */
    @Nullable String listener;

    MatchInput(HttpMethod method, String host, String target, HttpHeaders headers) {
        this.method = method;
        this.host = normalizeHost(host);
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.query = q < 0 ? null : target.substring(q + 1);
        this.headers = headers;
    }

    HttpMethod method() {
        return method;
    }

    String host() {
        return host;
    }

    String path() {
        return path;
    }

    /** The header's value, or its values joined with "," when it was sent several times; null when absent. */
    @Nullable String header(CharSequence name) {
        List<String> all = headers.getAll(name);
        if (all.isEmpty()) {
            return null;
        }
        return all.size() == 1 ? all.get(0) : String.join(",", all);
    }

    /** The first value of query parameter {@code name}, percent-decoded; null when absent. */
    @Nullable String queryParam(String name) {
        if (query == null) {
            return null;
        }
        String[] pairs = decodedQuery;
        if (pairs == null) {
            pairs = decodedQuery = decodeQuery(query);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    /** Lower case, without a trailing dot (an FQDN {@code example.com.} names the same host). */
    static String normalizeHost(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return h.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return h;
    }

    private static String[] decodeQuery(String query) {
        String[] parts = query.split("&", -1);
        String[] out = new String[parts.length * 2];
        int n = 0;
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            out[n++] = percentDecode(eq < 0 ? part : part.substring(0, eq));
            out[n++] = eq < 0 ? "" : percentDecode(part.substring(eq + 1));
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Decodes %XX escapes as UTF-8; a malformed escape is kept as written. '+' stays '+' (RFC 3986, not forms). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int pct = s.indexOf('%', i);
            int end = pct < 0 ? s.length() : pct;
            byte[] plain = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
            bytes.write(plain, 0, plain.length);
            if (pct < 0) {
                break;
            }
            if (pct + 2 < s.length() && hex(s.charAt(pct + 1)) >= 0 && hex(s.charAt(pct + 2)) >= 0) {
                bytes.write(hex(s.charAt(pct + 1)) * 16 + hex(s.charAt(pct + 2)));
                i = pct + 3;
            } else {
                bytes.write('%');
                i = pct + 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
