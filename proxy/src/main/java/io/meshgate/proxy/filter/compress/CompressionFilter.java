package io.meshgate.proxy.filter.compress;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AttributeKey;
import java.util.Objects;

/**
 * Compresses responses on the fly in the coding the client prefers ({@link AcceptEncoding}),
 * streaming: the body is never buffered whole, each chunk leaves compressed as it arrives.
 *
 * <p>A response is left as it is when it cannot or should not be compressed: HEAD, 1xx, 204, 206
 * and 304 (no body, or a byte range of the identity body); a {@code Content-Encoding} already set;
 * {@code Cache-Control: no-transform} (RFC 9110 §7.7); a content type outside the configured ones
 * (images, video, archives are compressed already); a {@code Content-Length} under {@code minBytes}.
 * A compressible response always gets {@code Vary: Accept-Encoding}, compressed or not, so caches
 * keep the codings apart. A compressed response loses {@code Content-Length} (the engine frames it)
 * and a strong {@code ETag} becomes weak, since the bytes differ from the identity representation.
 */
public final class CompressionFilter implements HttpFilter {

    private static final AttributeKey<Coding> CHOSEN = AttributeKey.valueOf("meshgate.compress.coding");

    /**
     * Set when this filter compresses the response: its {@code Content-Encoding} then describes the
     * bytes written to the client, while a buffered body filters still see is identity.
     */
    public static final AttributeKey<Coding> COMPRESSING = AttributeKey.valueOf("meshgate.compress.compressing");

    private final CompressionConfig config;

    /** A filter applying {@code config}. */
    public CompressionFilter(CompressionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        if (!exchange.method().equals(HttpMethod.HEAD)) {
            String client = exchange.attr(AcceptEncoding.CLIENT);
            Coding coding = AcceptEncoding.negotiate(client != null ? client
                    : exchange.requestHeaders().get(HttpHeaderNames.ACCEPT_ENCODING), config.codings());
            exchange.attr(CHOSEN, coding);
        }
        return FilterResult.next();
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        HttpHeaders headers = exchange.responseHeaders();
        if (!compressible(exchange, headers)) {
            return FilterResult.next();
        }
        addVary(headers);
        Coding coding = exchange.attr(CHOSEN);
        if (coding == null || tooSmall(headers)) {
            return FilterResult.next();
        }
        headers.set(HttpHeaderNames.CONTENT_ENCODING, coding.token());
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        String etag = headers.get(HttpHeaderNames.ETAG);
        if (etag != null && !etag.startsWith("W/")) {
            headers.set(HttpHeaderNames.ETAG, "W/" + etag);
        }
        exchange.addResponseBodyTransformer(new DeflateBodyTransformer(coding, config.level()));
        exchange.attr(COMPRESSING, coding);
        return FilterResult.next();
    }

    private boolean compressible(Exchange exchange, HttpHeaders headers) {
        int status = exchange.status();
        if (status < 200 || status == 204 || status == 206 || status == 304
                || exchange.method().equals(HttpMethod.HEAD)) {
            return false;
        }
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (hasDirective(headers.getAll(HttpHeaderNames.CACHE_CONTROL), "no-transform")) {
            return false;
        }
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && config.compresses(type);
    }

    private boolean tooSmall(HttpHeaders headers) {
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return false; // streamed body of unknown length: worth compressing
        }
        try {
            return Long.parseLong(length.trim()) < config.minBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void addVary(HttpHeaders headers) {
        for (String vary : headers.getAll(HttpHeaderNames.VARY)) {
            for (String v : vary.split(",")) {
                String t = v.trim();
                if (t.equals("*") || t.equalsIgnoreCase("accept-encoding")) {
                    return;
                }
            }
        }
        headers.add(HttpHeaderNames.VARY, "Accept-Encoding");
    }

    private static boolean hasDirective(Iterable<String> values, String directive) {
        for (String value : values) {
            for (String d : value.split(",")) {
                String t = d.trim();
                int eq = t.indexOf('=');
                if ((eq < 0 ? t : t.substring(0, eq)).trim().equalsIgnoreCase(directive)) {
                    return true;
                }
            }
        }
        return false;
    }
}
