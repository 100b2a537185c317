package io.meshgate.proxy.filter.cors;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin resource sharing per the Fetch standard (§3.2, "CORS protocol").
 *
 * <p>Sits in {@link Phase#ACCESS}, before authentication, because browsers send preflights
 * without credentials. A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here and never reaches the backend: 204 with
 * the {@code Access-Control-Allow-*} headers when origin, method and headers are allowed, else 403
 * with none of them (the browser then fails the request). On other requests with an allowed
 * {@code Origin}, the response phase adds {@code Access-Control-Allow-Origin},
 * {@code -Allow-Credentials} and {@code -Expose-Headers} (also to 401s and 429s of later filters,
 * so scripts can read them), and {@code Vary: Origin} whenever the answer depends on the origin.
 */
public final class CorsFilter implements HttpFilter {

    private static final AttributeKey<String> ALLOWED_ORIGIN = AttributeKey.valueOf("meshgate.cors.allowedOrigin");
    private static final Set<String> SAFELISTED_METHODS = Set.of("GET", "HEAD", "POST");
    private static final String PREFLIGHT_VARY =
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private final CorsConfig config;
    private final boolean anyMethod;
    private final boolean anyHeader;
    private final boolean anyOrigin;
    private final @Nullable String maxAge;
    private final @Nullable String exposeHeaders;
    private final String allowMethodsValue;
    private final String allowHeadersValue;

    /** A filter for {@code config}, shared by every request of the route. */
    public CorsFilter(CorsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.anyMethod = config.allowMethods().contains("*");
        this.anyHeader = config.allowHeaders().contains("*");
        this.anyOrigin = config.allowOrigins().stream().anyMatch(OriginPattern::isAny);
        this.maxAge = config.maxAge() == null ? null : Long.toString(config.maxAge().toSeconds());
        this.exposeHeaders = config.exposeHeaders().isEmpty() ? null : String.join(", ", config.exposeHeaders());
        this.allowMethodsValue = String.join(", ", config.allowMethods());
        this.allowHeadersValue = String.join(", ", config.allowHeaders());
    }

    @Override
    public Phase phase() {
        return Phase.ACCESS;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        HttpHeaders headers = exchange.requestHeaders();
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return FilterResult.next(); // same-origin or not a browser: CORS does not apply
        }
        String requestMethod = headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (HttpMethod.OPTIONS.equals(exchange.method()) && requestMethod != null) {
            return preflight(origin, requestMethod, headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
        }
        if (originAllowed(origin)) {
            exchange.attr(ALLOWED_ORIGIN, origin);
        }
        return FilterResult.next();
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        HttpHeaders response = exchange.responseHeaders();
        String origin = exchange.attr(ALLOWED_ORIGIN);
        if (origin != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOriginValue(origin));
            if (config.allowCredentials()) {
                response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            }
            if (exposeHeaders != null) {
                response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
            }
        }
        // Also without an Origin: a cache must not hand this answer (no Allow-Origin) to a CORS request.
        if (config.variesByOrigin()) {
            addVaryOrigin(response);
        }
        return FilterResult.next();
    }

    private FilterResult preflight(String origin, String requestMethod, @Nullable String requestHeaders) {
        if (!originAllowed(origin)) {
            return refuse("origin " + origin + " is not allowed");
        }
        if (!anyMethod && !SAFELISTED_METHODS.contains(requestMethod) && !config.allowMethods().contains(requestMethod)) {
            return refuse("method " + requestMethod + " is not allowed");
        }
        List<String> asked = parseHeaderList(requestHeaders);
        if (!anyHeader) {
            for (String h : asked) {
                if (!config.allowHeaders().contains(h)) {
                    return refuse("header " + h + " is not allowed");
                }
            }
        }
        HttpHeaders out = new DefaultHttpHeaders();
        out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOriginValue(origin));
        if (config.allowCredentials()) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        // With credentials, Fetch reads "*" as a literal name, so wildcards are answered by echoing
        // exactly what was asked; echoing is also the only way "*" can cover Authorization.
        out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, anyMethod ? requestMethod : allowMethodsValue);
        if (!asked.isEmpty()) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, anyHeader ? String.join(", ", asked) : allowHeadersValue);
        }
        if (maxAge != null) {
            out.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
        }
        out.set(HttpHeaderNames.VARY, PREFLIGHT_VARY);
        return FilterResult.respond(204, out, new byte[0]);
    }

    private FilterResult refuse(String reason) {
        FilterResult.Respond r = FilterResult.error(403, "CORS preflight refused: " + reason);
        r.headers().set(HttpHeaderNames.VARY, PREFLIGHT_VARY);
        return r;
    }

    private boolean originAllowed(String origin) {
        if (anyOrigin) {
            return true;
        }
        OriginPattern.Origin parsed = OriginPattern.Origin.parse(origin);
        for (OriginPattern p : config.allowOrigins()) {
            if (p.matches(parsed)) {
                return true;
            }
        }
        return false;
    }

    private String allowOriginValue(String origin) {
        // "*" is refused by browsers on credentialed requests (Fetch §3.2.5), so echo the origin then.
        return anyOrigin && !config.allowCredentials() ? "*" : origin;
    }

    private static List<String> parseHeaderList(@Nullable String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            String h = part.strip().toLowerCase(Locale.ROOT);
            if (!h.isEmpty()) {
                out.add(h);
            }
        }
        return out;
    }

    private static void addVaryOrigin(HttpHeaders response) {
        for (String vary : response.getAll(HttpHeaderNames.VARY)) {
            for (String token : vary.split(",")) {
                String t = token.strip();
                if (t.equalsIgnoreCase("origin") || t.equals("*")) {
                    return;
                }
            }
        }
        response.add(HttpHeaderNames.VARY, "Origin");
    }
}
