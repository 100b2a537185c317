package io.meshgate.proxy.filter.cache;

import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AttributeKey;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A shared HTTP cache (RFC 9111) in front of one route's backends, for GET and HEAD.
 *
 * <p>A fresh stored response is answered here with an {@code Age} field and {@code x-cache: HIT};
 * otherwise the request goes on and its response carries {@code x-cache: MISS}. A response is
 * stored when its status is one of the configured ones, it has no {@code Set-Cookie}, its
 * {@code Cache-Control} allows a shared cache to keep it (no {@code no-store}, {@code private} or
 * {@code no-cache}; with {@code Authorization} on the request only if {@code public},
 * {@code s-maxage} or {@code must-revalidate}), its {@code Vary} is not {@code *}, and its body is at
 * most {@code maxEntryBytes}. Freshness comes from {@code s-maxage}, {@code max-age}, then
 * {@code Expires}, then the configured default, capped by {@code maxTtl}. Requests with
 * {@code Cache-Control: no-store} bypass the cache; {@code no-cache} or {@code max-age=0} skip the
 * lookup but may refresh the entry; {@code only-if-cached} without a stored response gets 504. Stale
 * entries are never served (no revalidation).
 */
public final class ResponseCacheFilter implements HttpFilter {

    /** The hit/miss response header. */
    public static final String X_CACHE = "x-cache";

    private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf(ResponseCacheFilter.class, "pending");
    private static final List<CharSequence> NOT_STORED_HEADERS = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, "proxy-connection", HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.AGE, X_CACHE);

    private final ResponseCacheConfig config;
    private final CacheStore store;
    private final CacheMeters meters;
    private final String routeId;

    /**
     * Creates the filter of one route.
     *
     * @param store the cache's memory, shared by every route that uses the same cache resource
     * @param meters the cache's hit and miss counters
     * @param routeId the route's id, part of every key so routes never see each other's entries
     */
    public ResponseCacheFilter(ResponseCacheConfig config, CacheStore store, CacheMeters meters, String routeId) {
        this.config = config;
        this.store = store;
        this.meters = meters;
        this.routeId = routeId;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public BodyMode responseBodyMode() {
        // Bodies over the entry limit are not stored; they must still stream, not fail.
        return BodyMode.bufferUpTo(config.maxEntryBytes());
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        HttpMethod method = exchange.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            return FilterResult.next();
        }
        HttpHeaders req = exchange.requestHeaders();
        List<String> cc = req.getAll(HttpHeaderNames.CACHE_CONTROL);
        CacheControl requestDirectives = CacheControl.parse(cc);
        if (requestDirectives.noStore()) {
            return FilterResult.next();
        }
        // RFC 9111 section 5.4: Pragma: no-cache counts only without Cache-Control.
        boolean noCache = requestDirectives.noCache() || requestDirectives.maxAge() == 0
                || cc.isEmpty() && req.containsValue(HttpHeaderNames.PRAGMA, "no-cache", true);
        String key = routeId + '\n' + exchange.host().toLowerCase(Locale.ROOT) + '\n' + exchange.path();
        if (!noCache) {
            long now = store.now();
            CachedResponse hit = store.get(key, req, now);
            if (hit != null) {
                meters.hit();
                HttpHeaders headers = new DefaultHttpHeaders().add(hit.headers());
                headers.set(HttpHeaderNames.AGE, hit.ageSeconds(now));
                headers.set(X_CACHE, "HIT");
                return FilterResult.respond(hit.status(), headers, hit.body());
            }
        }
        if (requestDirectives.onlyIfCached()) {
            // RFC 9111 section 5.2.1.7: no stored response, so no request to the origin either.
            meters.miss();
            return FilterResult.error(504, "not in the cache (the request asked for only-if-cached)");
        }
        meters.miss();
        exchange.attr(PENDING, new Pending(key, method.equals(HttpMethod.GET),
                req.contains(HttpHeaderNames.AUTHORIZATION), snapshot(req)));
        return FilterResult.next();
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        Pending pending = exchange.attr(PENDING);
        if (pending == null) {
            return FilterResult.next();
        }
        exchange.attr(PENDING, null);
        HttpHeaders resp = exchange.responseHeaders();
        if (pending.get()) { // a HEAD response has no body to serve a later GET with
            CachedResponse entry = storable(exchange, pending);
            if (entry != null) {
                store.put(pending.key(), entry);
            }
        }
        resp.set(X_CACHE, "MISS");
        return FilterResult.next();
    }

    private @Nullable CachedResponse storable(Exchange exchange, Pending pending) {
        HttpHeaders resp = exchange.responseHeaders();
        if (!config.statuses().contains(exchange.status()) || resp.contains(HttpHeaderNames.SET_COOKIE)) {
            return null;
        }
        CacheControl cc = CacheControl.parse(resp.getAll(HttpHeaderNames.CACHE_CONTROL));
        if (cc.noStore() || cc.isPrivate() || cc.noCache()) {
            return null;
        }
        // RFC 9111 section 3.5: a shared cache keeps answers to authenticated requests only when told to.
        if (pending.authorized() && !cc.isPublic() && cc.sMaxAge() < 0 && !cc.mustRevalidate()) {
            return null;
        }
        Map<String, List<String>> vary = vary(resp, pending.requestHeaders());
        if (vary == null) {
            return null;
        }
        long ttlNanos = ttlNanos(cc, resp);
        if (ttlNanos <= 0) {
            return null;
        }
        byte[] body = body(exchange);
        if (body == null) {
            return null;
        }
        HttpHeaders stored = new DefaultHttpHeaders().add(resp);
        NOT_STORED_HEADERS.forEach(stored::remove);
        return new CachedResponse(exchange.status(), stored, body, vary, store.now(), initialAge(resp), ttlNanos);
    }

    private long ttlNanos(CacheControl cc, HttpHeaders resp) {
        long ttl;
        if (cc.sMaxAge() >= 0) {
            ttl = TimeUnit.SECONDS.toNanos(cc.sMaxAge());
        } else if (cc.maxAge() >= 0) {
            ttl = TimeUnit.SECONDS.toNanos(cc.maxAge());
        } else if (resp.contains(HttpHeaderNames.EXPIRES)) {
            // RFC 9111 section 4.2.1: Expires minus Date; an invalid Expires means already expired.
            Date expires = DateFormatter.parseHttpDate(resp.get(HttpHeaderNames.EXPIRES));
            Date date = resp.contains(HttpHeaderNames.DATE) ? DateFormatter.parseHttpDate(resp.get(HttpHeaderNames.DATE))
                    : new Date();
            ttl = expires == null || date == null ? 0 : TimeUnit.MILLISECONDS.toNanos(expires.getTime() - date.getTime());
        } else {
            ttl = config.defaultTtl().toNanos();
        }
        return config.maxTtl() == null ? ttl : Math.min(ttl, config.maxTtl().toNanos());
    }

    private byte[] body(Exchange exchange) {
        ByteBuf buf = exchange.responseBody();
        if (buf == null) {
            // No buffered body: either it was over the limit and streamed, or there was none.
            return "0".equals(exchange.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH)) ? new byte[0] : null;
        }
        if (buf.readableBytes() > config.maxEntryBytes()) {
            return null;
        }
        return ByteBufUtil.getBytes(buf);
    }

    // The request header values named by Vary; null when Vary is "*" (never matches a later request).
    private static @Nullable Map<String, List<String>> vary(HttpHeaders resp, HttpHeaders request) {
        List<String> fields = resp.getAll(HttpHeaderNames.VARY);
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String field : fields) {
            for (String name : field.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (n.equals("*")) {
                    return null;
                }
                if (!n.isEmpty()) {
                    values.put(n, request.getAll(n));
                }
            }
        }
        return Map.copyOf(values);
    }

    private static long initialAge(HttpHeaders resp) {
        String age = resp.get(HttpHeaderNames.AGE);
        if (age == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(age.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // The request's headers as they were before later filters changed them, for Vary.
    private static HttpHeaders snapshot(HttpHeaders req) {
        return new DefaultHttpHeaders().add(req);
    }

    private record Pending(String key, boolean get, boolean authorized, HttpHeaders requestHeaders) {
    }
}
