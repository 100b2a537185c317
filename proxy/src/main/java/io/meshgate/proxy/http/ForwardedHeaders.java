package io.meshgate.proxy.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;

/**
 * Sets the headers that tell the upstream who the client is: {@code X-Forwarded-For} (the peer
 * appended), {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code x-request-id}.
 *
 * <p>With {@code trustedProxies = N > 0}, the N-th address from the right of the incoming
 * X-Forwarded-For is the client (Envoy's {@code xff_num_trusted_hops}), and incoming
 * X-Forwarded-Proto/-Host are kept; with 0 the TCP peer is the client and both are overwritten.
 */
final class ForwardedHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    private ForwardedHeaders() {
    }

    static void apply(Exchange x, int trustedProxies, String peer) {
        HttpHeaders h = x.requestHeaders();
        String xff = joined(h, X_FORWARDED_FOR);
        if (trustedProxies > 0 && xff != null) {
            String client = nthFromRight(xff, trustedProxies);
            if (client != null && NetUtil.isValidIpV4Address(client) || client != null && NetUtil.isValidIpV6Address(client)) {
                x.clientAddress(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(client), 0));
            }
        }
        h.set(X_FORWARDED_FOR, xff == null ? peer : xff + ", " + peer);
        if (trustedProxies == 0 || !h.contains(X_FORWARDED_PROTO)) {
            h.set(X_FORWARDED_PROTO, x.scheme());
        }
        if (trustedProxies == 0 || !h.contains(X_FORWARDED_HOST)) {
            h.set(X_FORWARDED_HOST, x.authority());
        }
        String id = h.get(X_REQUEST_ID);
        if (id == null || id.isEmpty()) {
            id = RequestIds.next();
            h.set(X_REQUEST_ID, id);
        }
        x.requestId(id);
    }

    private static @org.jspecify.annotations.Nullable String joined(HttpHeaders h, AsciiString name) {
        java.util.List<String> all = h.getAll(name);
        if (all.isEmpty()) {
            return null;
        }
        return all.size() == 1 ? all.get(0) : String.join(", ", all);
    }

    /** The n-th comma-separated entry from the right (1 = last), trimmed, or null when there are fewer. */
    static @org.jspecify.annotations.Nullable String nthFromRight(String list, int n) {
        int end = list.length();
        for (int i = 1; i <= n; i++) {
            int comma = list.lastIndexOf(',', end - 1);
            if (i == n) {
                String s = list.substring(comma + 1, end).trim();
                return s.isEmpty() ? null : s;
            }
            if (comma < 0) {
                return null;
            }
            end = comma;
        }
        return null;
    }
}
