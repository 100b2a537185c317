package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.route.Route;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * One request/response exchange, independent of the wire protocol (HTTP/1.1 or an HTTP/2 stream).
 *
 * <p>Confined to one event loop ({@link #eventLoop()}): filters read and change it only from their
 * phase methods or from code they run on that loop. The request head is mutable until the
 * upstream call starts; the response head until the first byte is written to the client.
 *
 * <p>Per-request state of filters lives in typed attributes ({@link #attr(AttributeKey)}), never in
 * string-keyed maps.
 */
public final class Exchange {

    private final EventLoop eventLoop;
    private final InetSocketAddress remoteAddress;
    private final @Nullable SSLSession tlsSession;
    private final String protocol;
    private final String scheme;
    private final long startNanos;

    private HttpMethod method;
    private String path;
    private String authority;
    private final HttpHeaders requestHeaders;
    private @Nullable ByteBuf requestBody;

    private InetSocketAddress clientAddress;
    private String requestId = "";
    private @Nullable Route route;

    private int status;
    private HttpHeaders responseHeaders = new DefaultHttpHeaders();
    private @Nullable ByteBuf responseBody;

    private @Nullable Map<AttributeKey<?>, Object> attrs;
    private @Nullable BodyTransformer requestBodyTransformer;
    private @Nullable BodyTransformer responseBodyTransformer;

    /**
     * Creates an exchange for a request that just arrived.
     *
     * @param eventLoop the loop this exchange is confined to
     * @param remoteAddress the TCP peer
     * @param tlsSession the TLS session of the connection, or null for cleartext
     * @param protocol {@code "HTTP/1.1"}, {@code "HTTP/1.0"} or {@code "HTTP/2"}
     * @param scheme {@code "http"} or {@code "https"}
     * @param method the request method
     * @param path the request target in origin form (path and query), as received
     * @param authority the Host header or {@code :authority}, as received
     * @param requestHeaders the request headers (owned by the exchange from now on)
     * @param startNanos {@link System#nanoTime()} when the request head was complete
     */
    public Exchange(EventLoop eventLoop, InetSocketAddress remoteAddress, @Nullable SSLSession tlsSession,
                    String protocol, String scheme, HttpMethod method, String path, String authority,
                    HttpHeaders requestHeaders, long startNanos) {
        this.eventLoop = Objects.requireNonNull(eventLoop, "eventLoop");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.tlsSession = tlsSession;
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.requestHeaders = Objects.requireNonNull(requestHeaders, "requestHeaders");
        this.startNanos = startNanos;
        this.clientAddress = remoteAddress;
    }

    /** The event loop this exchange is confined to. */
    public EventLoop eventLoop() { return eventLoop; }

    /** The TCP peer of the downstream connection. */
    public InetSocketAddress remoteAddress() { return remoteAddress; }

    /**
     * The original client: the TCP peer, or the address taken from X-Forwarded-For when the
     * listener trusts proxies in front of it.
     */
    public InetSocketAddress clientAddress() { return clientAddress; }

    /** Sets the original client address (done by the engine from trusted X-Forwarded-For). */
    public void clientAddress(InetSocketAddress clientAddress) { this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress"); }

    /** The TLS session of the downstream connection (peer certificates for mTLS), or null. */
    public @Nullable SSLSession tlsSession() { return tlsSession; }

    /** {@code "HTTP/1.1"}, {@code "HTTP/1.0"} or {@code "HTTP/2"}. */
    public String protocol() { return protocol; }

    /** {@code "http"} or {@code "https"}: how the client reached this proxy. */
    public String scheme() { return scheme; }

    /** {@link System#nanoTime()} when the request head was complete. */
    public long startNanos() { return startNanos; }

    /** The request method. */
    public HttpMethod method() { return method; }

    /** Changes the request method. */
    public void method(HttpMethod method) { this.method = Objects.requireNonNull(method, "method"); }

    /** The request target in origin form: path plus optional {@code ?query}. */
    public String path() { return path; }

    /** Changes the request target (path plus optional query). */
    public void path(String path) { this.path = Objects.requireNonNull(path, "path"); }

    /** The path without the query string. */
    public String pathOnly() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** The raw query string without {@code ?}, or null when there is none. */
    public @Nullable String rawQuery() {
        int q = path.indexOf('?');
        return q < 0 ? null : path.substring(q + 1);
    }

    /** The authority (host and optional port) the client asked for. */
    public String authority() { return authority; }

    /** Changes the authority sent upstream (Host / :authority). */
    public void authority(String authority) { this.authority = Objects.requireNonNull(authority, "authority"); }

    /** The authority without a port, lower-cased form not guaranteed. */
    public String host() {
        String a = authority;
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(0, end + 1);
        }
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    /** The request headers, without pseudo-headers and hop-by-hop headers. */
    public HttpHeaders requestHeaders() { return requestHeaders; }

    /** The buffered request body when a filter asked for {@code BodyMode.Buffer}, else null. */
    public @Nullable ByteBuf requestBody() { return requestBody; }

    /** Replaces the buffered request body; the exchange takes ownership and releases the old one. */
    public void requestBody(@Nullable ByteBuf body) {
        if (requestBody != null && requestBody != body) {
            requestBody.release();
        }
        requestBody = body;
    }

    /** The x-request-id of this exchange (taken from the client or generated). */
    public String requestId() { return requestId; }

    /** Sets the request id (done by the engine). */
    public void requestId(String requestId) { this.requestId = Objects.requireNonNull(requestId, "requestId"); }

    /** The route this exchange matched, or null before routing or when none matched. */
    public @Nullable Route route() { return route; }

    /** Sets the matched route (done by the engine). */
    public void route(@Nullable Route route) { this.route = route; }

    /** The response status; 0 until the response head exists. */
    public int status() { return status; }

    /** Changes the response status. */
    public void status(int status) { this.status = status; }

    /** The response headers (empty until the response head exists). */
    public HttpHeaders responseHeaders() { return responseHeaders; }

    /** Replaces the response headers (done by the engine when the upstream answers). */
    public void responseHeaders(HttpHeaders headers) { this.responseHeaders = Objects.requireNonNull(headers, "headers"); }

    /** The buffered response body when a filter asked for {@code BodyMode.Buffer}, else null. */
    public @Nullable ByteBuf responseBody() { return responseBody; }

    /** Replaces the buffered response body; the exchange takes ownership and releases the old one. */
    public void responseBody(@Nullable ByteBuf body) {
        if (responseBody != null && responseBody != body) {
            responseBody.release();
        }
        responseBody = body;
    }

    /** The value of a typed attribute, or null. */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T attr(AttributeKey<T> key) {
        return attrs == null ? null : (T) attrs.get(key);
    }

    /** Sets (or, with null, removes) a typed attribute. */
    public <T> void attr(AttributeKey<T> key, @Nullable T value) {
        if (value == null) {
            if (attrs != null) {
                attrs.remove(key);
            }
            return;
        }
        if (attrs == null) {
            attrs = new IdentityHashMap<>(4);
        }
        attrs.put(key, value);
    }

    /**
     * Adds a transformer of the streamed request body, applied after those added before it. Call
     * from a request phase, before the body is forwarded.
     */
    public void addRequestBodyTransformer(BodyTransformer transformer) {
        Objects.requireNonNull(transformer, "transformer");
        BodyTransformer t = requestBodyTransformer;
        requestBodyTransformer = t == null ? transformer : t.andThen(transformer);
    }

    /** The request body transformer the engine applies, or null. */
    public @Nullable BodyTransformer requestBodyTransformer() { return requestBodyTransformer; }

    /**
     * Adds a transformer of the streamed response body, applied after those added before it. Call
     * from a response phase, before the response head is written.
     */
    public void addResponseBodyTransformer(BodyTransformer transformer) {
        Objects.requireNonNull(transformer, "transformer");
        BodyTransformer t = responseBodyTransformer;
        responseBodyTransformer = t == null ? transformer : t.andThen(transformer);
    }

    /** The response body transformer the engine applies, or null. */
    public @Nullable BodyTransformer responseBodyTransformer() { return responseBodyTransformer; }

    /**
     * Aborts and forgets the response body transformers: done when a response-phase filter
     * replaces the response, whose new body and head they were not chosen for.
     */
    public void discardResponseBodyTransformer() {
        BodyTransformer t = responseBodyTransformer;
        responseBodyTransformer = null;
        if (t != null) {
            t.abort();
        }
    }

    /** Releases buffered bodies; called by the engine when the exchange ends. */
    public void release() {
        requestBody(null);
        responseBody(null);
    }
}
