package io.meshgate.proxy.filter.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Answers the request at the gateway by calling several backends in parallel and merging their
 * JSON answers under named keys: {@code {"user": {...}, "activity": [...]}}. The calls start at
 * once on the exchange's event loop and never block it; the merge runs back on that loop.
 *
 * <p>A call fails on a connect error, its timeout, a non-2xx status, or an answer that is not JSON.
 * Fail-whole mode answers 502 (504 when a call timed out) naming the call; partial mode answers 200
 * with {@code null} under a failed call's key, the reasons under {@code "_errors"} and the failed
 * names in {@code x-meshgate-partial} (502 when every call failed). A placeholder of a call's path
 * that the request cannot fill (missing header, query parameter or consumer) is the client's
 * mistake: 400, and nothing is called.
 */
public final class AggregateFilter implements HttpFilter {

    /** Lists the calls that failed in a partial answer. */
    public static final String PARTIAL_HEADER = "x-meshgate-partial";
    /** The key of the failure reasons in a partial answer. */
    public static final String ERRORS_KEY = "_errors";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request headers not passed to the calls: hop-by-hop (RFC 9110 §7.6.1), framing, and codings the merge cannot read. */
    private static final Set<String> DROPPED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "te", "trailer", "upgrade", "proxy-connection", "proxy-authorization", "expect",
            "accept-encoding", "accept", "content-type");

    private final AggregateConfig config;
    private final List<List<String>> parts;

    /** A filter making the calls of {@code config}. */
    public AggregateFilter(AggregateConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        List<List<String>> p = new ArrayList<>();
        config.calls().forEach(c -> p.add(c.parts()));
        this.parts = List.copyOf(p);
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        List<String> targets = new ArrayList<>(parts.size());
        for (List<String> p : parts) {
            StringBuilder target = new StringBuilder();
            for (int i = 0; i < p.size(); i++) {
                if (i % 2 == 0) {
                    target.append(p.get(i));
                    continue;
                }
                String value = value(exchange, p.get(i));
                if (value == null) {
                    return FilterResult.error(400, "missing " + p.get(i).replace('.', ' '));
                }
                target.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            targets.add(target.toString());
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : exchange.requestHeaders()) {
            if (!DROPPED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        }
        List<CompletableFuture<BackendCall.Result>> calls = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            calls.add(BackendCall.start(exchange, config.calls().get(i), targets.get(i), headers, config.maxBytes()));
        }
        return FilterResult.await(CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
                .handleAsync((v, e) -> merge(calls), exchange.eventLoop()));
    }

    private static @Nullable String value(Exchange x, String placeholder) {
        if (placeholder.equals("consumer")) {
            AuthenticatedIdentity id = x.attr(AuthAttributes.IDENTITY);
            return id == null ? null : id.consumer();
        }
        if (placeholder.startsWith("header.")) {
            return x.requestHeaders().get(placeholder.substring("header.".length()));
        }
        String query = x.rawQuery();
        if (query == null) {
            return null;
        }
        List<String> values = new QueryStringDecoder(query, false).parameters().get(placeholder.substring("query.".length()));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private FilterResult merge(List<CompletableFuture<BackendCall.Result>> calls) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode errors = JSON.createObjectNode();
        List<String> failed = new ArrayList<>();
        boolean timedOut = false;
        for (int i = 0; i < calls.size(); i++) {
            String name = config.calls().get(i).name();
            BackendCall.Result r = calls.get(i).join();
            String failure = r.failure();
            JsonNode body = null;
            if (failure == null && (r.status() < 200 || r.status() > 299)) {
                failure = "status " + r.status();
            }
            if (failure == null) {
                try {
                    body = r.body().length == 0 ? null : JSON.readTree(r.body());
                    if (body == null) {
                        failure = "empty answer";
                    }
                } catch (IOException e) {
                    failure = "answer is not JSON";
                }
            }
            if (failure != null) {
                timedOut |= r.timedOut();
                if (!config.partial()) {
                    return FilterResult.error(r.timedOut() ? 504 : 502,
                            "aggregation call '" + name + "' failed: " + failure);
                }
                failed.add(name);
                errors.put(name, failure);
                out.putNull(name);
            } else {
                out.set(name, body);
            }
        }
        if (failed.size() == calls.size()) {
            return FilterResult.error(timedOut ? 504 : 502, "every aggregation call failed: " + errors);
        }
        if (!failed.isEmpty()) {
            out.set(ERRORS_KEY, errors);
        }
        FilterResult.Respond r;
        try {
            r = FilterResult.json(200, JSON.writeValueAsString(out));
        } catch (IOException e) {
            return FilterResult.error(500, "could not write the merged answer");
        }
        if (!failed.isEmpty()) {
            r.headers().set(PARTIAL_HEADER, String.join(",", failed));
        }
        return r;
    }
}
