package io.meshgate.proxy.filter.auth.extauth;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.BoundedBody;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks an HTTP authorization service about each request, the way Envoy's HTTP ext_authz does: the
 * service gets the request's method and path (after the configured prefix), its Authorization
 * header, the configured headers and {@code X-Forwarded-*} headers naming the original request, but
 * no body. A 2xx answer lets the request through and copies the configured answer headers onto it;
 * any other answer is returned to the client with its status, headers and (bounded) body. When the
 * service cannot be reached or times out, the request gets 503 unless {@code failOpen}.
 *
 * <p>The call is made with the JDK's asynchronous client; the request resumes on its event loop.
 */
public final class ExtAuthFilter implements HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(ExtAuthFilter.class);

    /** Headers the JDK client sets itself (and refuses), and hop-by-hop headers never relayed (RFC 9110 §7.6.1). */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", ":status");

    private final ExtAuthConfig config;
    private final HttpClient client;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * A filter for {@code config}.
     *
     * @param client the asynchronous client the calls go through (shared by the gateway's filters)
     */
    public ExtAuthFilter(ExtAuthConfig config, HttpClient client) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Phase phase() {
        return Phase.AUTHN;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        HttpRequest check;
        try {
            check = checkRequest(exchange);
        } catch (IllegalArgumentException unsendable) {
            return failure(exchange, unsendable);
        }
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(check, BoundedBody.handler(config.maxBodyBytes()));
        return FilterResult.await(answer.handleAsync((response, error) ->
                error != null ? failure(exchange, error) : decide(exchange, response), exchange.eventLoop()));
    }

    private HttpRequest checkRequest(Exchange exchange) {
        List<URI> endpoints = config.endpoints();
        URI base = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + config.pathPrefix() + exchange.path()))
                .timeout(config.timeout())
                .method(exchange.method().name(), HttpRequest.BodyPublishers.noBody());
        HttpHeaders in = exchange.requestHeaders();
        copy(in, HttpHeaderNames.AUTHORIZATION.toString(), b);
        for (String name : config.headersToExtAuth()) {
            copy(in, name, b);
        }
        b.header("x-forwarded-host", exchange.authority());
        b.header("x-forwarded-proto", exchange.scheme());
        b.header("x-forwarded-method", exchange.method().name());
        b.header("x-forwarded-uri", exchange.path());
        if (exchange.clientAddress().getAddress() != null) {
            b.header("x-forwarded-for", exchange.clientAddress().getAddress().getHostAddress());
        }
        return b.build();
    }

    private static void copy(HttpHeaders from, String name, HttpRequest.Builder to) {
        if (NOT_RELAYED.contains(name)) {
            return;
        }
        for (String value : from.getAll(name)) {
            to.header(name, value);
        }
    }

    private FilterResult decide(Exchange exchange, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            for (String name : config.headersToBackend()) {
                List<String> values = response.headers().allValues(name);
                if (!values.isEmpty()) {
                    exchange.requestHeaders().set(name, values); // overrides what the client sent
                }
            }
            return FilterResult.next();
        }
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            if (!NOT_RELAYED.contains(e.getKey())) {
                out.add(e.getKey(), e.getValue());
            }
        }
        int relayed = status >= 100 && status <= 599 ? status : 403;
        return FilterResult.respond(relayed, out, response.body());
    }

    private FilterResult failure(Exchange exchange, Throwable error) {
        log.warn("external authorization of {} {} failed: {}", exchange.method(), exchange.pathOnly(), rootCause(error));
        return config.failOpen() ? FilterResult.next() : FilterResult.error(503, "authorization service unavailable");
    }

    private static @Nullable String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
