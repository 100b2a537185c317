package io.meshgate.proxy.filter.validation;

import io.meshgate.api.apimgmt.openapi.ApiParameter;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one request, decoded lazily and at most once: path variables, the query
 * string and cookies. Lives for one validation.
 */
final class RequestParameters {

    private static final int MAX_QUERY_PARAMS = 1024;

    private final Exchange exchange;
    private final Map<String, String> pathVariables;
    private @Nullable Map<String, List<String>> query;
    private @Nullable Map<String, List<String>> cookies;

    RequestParameters(Exchange exchange, Map<String, String> pathVariables) {
        this.exchange = exchange;
        this.pathVariables = pathVariables;
    }

    /** Every value of the parameter, decoded; empty when the request does not carry it. */
    List<String> values(ApiParameter p) {
        return switch (p.location()) {
            case PATH -> {
                String raw = pathVariables.get(p.name());
                yield raw == null ? List.of() : List.of(QueryStringDecoder.decodeComponent(raw.replace("+", "%2B")));
            }
            case QUERY -> query().getOrDefault(p.name(), List.of());
            case HEADER -> {
                List<String> all = exchange.requestHeaders().getAll(p.name());
                // Repeated header fields are one comma-separated list (RFC 9110 section 5.3).
                yield all.size() <= 1 ? all : List.of(String.join(",", all));
            }
            case COOKIE -> cookies().getOrDefault(p.name(), List.of());
        };
    }

    /** For {@code deepObject} query parameters: the values of {@code name[prop]} by prop. */
    Map<String, String> deepObject(String name) {
        Map<String, String> props = new LinkedHashMap<>();
        String prefix = name + "[";
        for (Map.Entry<String, List<String>> e : query().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && key.endsWith("]") && !e.getValue().isEmpty()) {
                props.put(key.substring(prefix.length(), key.length() - 1), e.getValue().get(0));
            }
        }
        return props;
    }

    private Map<String, List<String>> query() {
        if (query == null) {
            String raw = exchange.rawQuery();
            query = raw == null || raw.isEmpty() ? Map.of()
                    : new QueryStringDecoder(raw, StandardCharsets.UTF_8, false, MAX_QUERY_PARAMS, true).parameters();
        }
        return query;
    }

    private Map<String, List<String>> cookies() {
        if (cookies == null) {
            cookies = new LinkedHashMap<>();
            for (String header : exchange.requestHeaders().getAll(HttpHeaderNames.COOKIE)) {
                for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                    cookies.computeIfAbsent(c.name(), k -> new ArrayList<>(1)).add(c.value());
                }
            }
        }
        return cookies;
    }
}
