package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.Objects;

/**
 * What a consistent-hash balancer hashes: a request header, a cookie or the client IP (Envoy
 * Gateway {@code loadBalancer.consistentHash.type}: Header, Cookie, SourceIP). Hashing reads the
 * request in place and allocates nothing beyond what header access does.
 */
public sealed interface HashKey {

    /** Returned by {@link #hash(Exchange)} when the request carries no key. */
    long ABSENT = 0L;

    /** The 64-bit hash of this request's key, or {@link #ABSENT} (never otherwise zero). */
    long hash(Exchange exchange);

    /** Hashes the value of request header {@code name} (the first one when repeated). */
    static HashKey header(String name) {
        return new Header(name);
    }

    /** Hashes the value of cookie {@code name}. */
    static HashKey cookie(String name) {
        return new Cookie(name);
    }

    /** Hashes the client IP ({@link Exchange#clientAddress()}, after trusted X-Forwarded-For). */
    static HashKey sourceIp() {
        return SourceIp.INSTANCE;
    }

    private static long nonZero(long h) {
        return h == ABSENT ? 1 : h;
    }

    /** The value of one request header. */
    record Header(String name) implements HashKey {
        public Header {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public long hash(Exchange exchange) {
            String v = exchange.requestHeaders().get(name);
            return v == null ? ABSENT : nonZero(Hashing.hash(v, 0));
        }
    }

    /** The value of one cookie, found in any {@code Cookie} header (HTTP/2 may send several). */
    record Cookie(String name) implements HashKey {
        public Cookie {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public long hash(Exchange exchange) {
            Iterator<? extends CharSequence> it = exchange.requestHeaders().valueCharSequenceIterator(HttpHeaderNames.COOKIE);
            while (it.hasNext()) {
                long h = hashCookie(it.next());
                if (h != ABSENT) {
                    return h;
                }
            }
            return ABSENT;
        }

        /** Finds {@code name=value} in a {@code Cookie} header ({@code a=1; b=2}, RFC 6265 §4.2.1). */
        private long hashCookie(CharSequence header) {
            int len = header.length();
            int i = 0;
            while (i < len) {
                while (i < len && (header.charAt(i) == ' ' || header.charAt(i) == ';')) {
                    i++;
                }
                int end = i;
                while (end < len && header.charAt(end) != ';') {
                    end++;
                }
                int eq = i + name.length();
                if (eq < end && header.charAt(eq) == '=' && regionMatches(header, i, name)) {
                    int from = eq + 1;
                    int to = end;
                    while (to > from && header.charAt(to - 1) == ' ') {
                        to--;
                    }
                    if (to - from >= 2 && header.charAt(from) == '"' && header.charAt(to - 1) == '"') {
                        from++;
                        to--;
                    }
                    return nonZero(Hashing.hash(header, from, to, 0));
                }
                i = end + 1;
            }
            return ABSENT;
        }

        private static boolean regionMatches(CharSequence s, int at, String prefix) {
            for (int k = 0; k < prefix.length(); k++) {
                if (s.charAt(at + k) != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The client IP address. */
    enum SourceIp implements HashKey {
        INSTANCE;

        @Override
        public long hash(Exchange exchange) {
            InetAddress a = exchange.clientAddress().getAddress();
            // InetAddress.hashCode is the IPv4 address itself or a digest of the IPv6 bytes: no copy.
            return a == null ? ABSENT : nonZero(Hashing.mix(a.hashCode() ^ 0x9e3779b97f4a7c15L));
        }
    }
}
