package io.meshgate.proxy.http;

import io.meshgate.proxy.snapshot.PathNormalization;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * Facts about a request head taken before any header is changed: framing (Content-Length,
 * chunked), keep-alive, {@code Expect: 100-continue}, a WebSocket upgrade, and the request
 * target split into authority and normalized origin-form path (absolute-form targets, as sent to a
 * forward proxy, are accepted).
 */
final class RequestShape {

    private final String protocol;
    private final String path;
    private final String authority;
    private final long contentLength;
    private final boolean hasBody;
    private final boolean keepAlive;
    private final boolean http10;
    private final boolean upgrade;
    private boolean expectContinue;
    private final @Nullable String invalidReason;
    private final boolean redirectToPath;

    private RequestShape(String protocol, String path, String authority, long contentLength, boolean hasBody,
                         boolean keepAlive, boolean http10, boolean upgrade, boolean expectContinue,
                         @Nullable String invalidReason, boolean redirectToPath) {
        this.protocol = protocol;
        this.path = path;
        this.authority = authority;
        this.contentLength = contentLength;
        this.hasBody = hasBody;
        this.keepAlive = keepAlive;
        this.http10 = http10;
        this.upgrade = upgrade;
        this.expectContinue = expectContinue;
        this.invalidReason = invalidReason;
        this.redirectToPath = redirectToPath;
    }

    static RequestShape of(HttpRequest r, boolean http2, PathNormalization pathNormalization) {
        HttpHeaders h = r.headers();
        boolean http10 = !http2 && r.protocolVersion().equals(HttpVersion.HTTP_1_0);
        String protocol = http2 ? "HTTP/2" : http10 ? "HTTP/1.0" : "HTTP/1.1";
        long cl = -1;
        String clValue = h.get(HttpHeaderNames.CONTENT_LENGTH);
        String invalid = null;
        if (clValue != null) {
            try {
                cl = Long.parseLong(clValue);
            } catch (NumberFormatException e) {
                invalid = "invalid content-length";
            }
        }
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        String uri = r.uri();
        String path = uri;
        String authority = null;
        if (uri.length() > 8 && (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8))) {
            int hostStart = uri.indexOf("//") + 2;
            int slash = uri.indexOf('/', hostStart);
            int query = uri.indexOf('?', hostStart);
            int end = slash < 0 ? (query < 0 ? uri.length() : query) : (query < 0 ? slash : Math.min(slash, query));
            authority = uri.substring(hostStart, end);
            path = end == uri.length() ? "/" : uri.charAt(end) == '?' ? "/" + uri.substring(end) : uri.substring(end);
        } else if (uri.isEmpty() || (uri.charAt(0) != '/' && !uri.equals("*"))) {
            invalid = "invalid request target";
        }
        if (uri.indexOf('#') >= 0) {
            invalid = "fragment in request target"; // RFC 9112 3.2: a request-target has no fragment
        }
        if (authority == null) {
            java.util.List<String> hosts = h.getAll(HttpHeaderNames.HOST);
            if (hosts.size() > 1) {
                invalid = "multiple host headers";
            } else if (hosts.isEmpty() && !http10 && !http2) {
                invalid = "missing host header";
            }
            authority = hosts.isEmpty() ? "" : hosts.get(0);
        }
        if (invalid == null && !Authorities.isValid(authority)) {
            invalid = "invalid host"; // RFC 9112 3.2: an invalid Host gets 400
        }
        boolean redirect = false;
        if (invalid == null) {
            PathNormalizer.Normalized n = PathNormalizer.normalize(path, pathNormalization);
            invalid = n.rejection();
            path = n.target();
            redirect = n.redirect();
        }
        boolean upgrade = !http2 && !http10 && h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        boolean expect = !http2 && !http10 && HttpUtil.is100ContinueExpected(r);
        boolean keepAlive = http2 || HttpUtil.isKeepAlive(r);
        return new RequestShape(protocol, path, authority, cl, cl > 0 || chunked, keepAlive, http10, upgrade, expect,
                invalid, redirect);
    }

    String protocol() { return protocol; }

    /** The normalized origin-form target (see {@link PathNormalizer}). */
    String path() { return path; }

    /** Escaped slashes were unescaped and the listener answers with a redirect to {@link #path()}. */
    boolean redirectToPath() { return redirectToPath; }

    String authority() { return authority; }

    /** The declared Content-Length, or -1. */
    long contentLength() { return contentLength; }

    /** Whether the request carries a body (Content-Length &gt; 0 or chunked). */
    boolean hasBody() { return hasBody; }

    boolean keepAlive() { return keepAlive; }

    boolean http10() { return http10; }

    /** A WebSocket upgrade handshake (HTTP/1.1 only). */
    boolean upgrade() { return upgrade; }

    boolean expectContinue() { return expectContinue; }

    /** The 100 Continue went out: never send it twice. */
    void continueSent() { expectContinue = false; }

    /** Why the head is unacceptable (400), or null. */
    @Nullable String invalidReason() { return invalidReason; }
}
