package io.meshgate.proxy.upstream.policy;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.upstream.lb.HashKey;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes cookie-based consistent hashing sticky for clients that do not have the cookie yet
 * (Envoy Gateway {@code consistentHash.cookie.ttl}): it gives such a request a fresh random value
 * for the cookie before the load balancer hashes it, and asks the client to keep that value with
 * {@code Set-Cookie}. The client's next requests carry the value and reach the same endpoint.
 *
 * <p>The value is only an affinity token (random, 128 bits), not a credential. The generated
 * cookie is also sent upstream, exactly as the client will send it from then on.
 */
final class HashCookieFilter implements HttpFilter {

    private static final AttributeKey<String> GENERATED = AttributeKey.valueOf(HashCookieFilter.class, "generated");

    private final String name;
    private final HashKey key;
    private final String attributes;

    /**
     * Creates the filter.
     *
     * @param name the cookie the load balancer hashes
     * @param ttl Max-Age of the generated cookie; zero for a session cookie
     * @param attributes extra cookie attributes, such as {@code SameSite: Strict}
     */
    HashCookieFilter(String name, Duration ttl, Map<String, String> attributes) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = HashKey.cookie(name);
        StringBuilder b = new StringBuilder();
        if (!ttl.isZero()) {
            b.append("; Max-Age=").append(ttl.toSeconds());
        }
        if (attributes.keySet().stream().noneMatch("Path"::equalsIgnoreCase)) {
            b.append("; Path=/");
        }
        b.append("; HttpOnly");
        attributes.forEach((k, v) -> b.append("; ").append(k).append(v.isEmpty() ? "" : "=" + v));
        this.attributes = b.toString();
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        if (key.hash(exchange) != HashKey.ABSENT) {
            return FilterResult.next();
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String value = hex(r.nextLong()) + hex(r.nextLong());
        HttpHeaders headers = exchange.requestHeaders();
        String existing = headers.get(HttpHeaderNames.COOKIE);
        // RFC 6265 §5.4: one Cookie header with pairs joined by "; ".
        headers.set(HttpHeaderNames.COOKIE, existing == null || existing.isBlank() ? name + "=" + value
                : existing + "; " + name + "=" + value);
        exchange.attr(GENERATED, value);
        return FilterResult.next();
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        String value = exchange.attr(GENERATED);
        if (value != null) {
            exchange.responseHeaders().add(HttpHeaderNames.SET_COOKIE, name + "=" + value + attributes);
        }
        return FilterResult.next();
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
