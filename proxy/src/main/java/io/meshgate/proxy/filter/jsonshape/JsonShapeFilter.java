package io.meshgate.proxy.filter.jsonshape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.compress.AcceptEncoding;
import io.meshgate.proxy.filter.compress.CompressionFilter;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Shapes JSON responses: keeps, removes and renames fields (KrakenD's allow / deny / mapping), so a
 * client gets only what it needs. Needs the whole body ({@link BodyMode#buffer}); a larger body
 * fails with 502 before this filter runs.
 *
 * <p>Only 2xx responses with a JSON media type ({@code application/json} or a {@code +json}
 * suffix) are shaped; others pass as they are. A body that claims to be JSON but does not parse, or
 * arrives content-encoded, gets 502: passing it unshaped could leak the very fields the route
 * removes. The request asks the backend for an identity body ({@code Accept-Encoding: identity});
 * the client's own preference is kept for the compression filter. A shaped response loses its
 * validators and digests ({@code ETag}, {@code Content-MD5}, {@code Digest}): they described other bytes.
 */
public final class JsonShapeFilter implements HttpFilter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonShapeConfig config;
    private final JsonShaper shaper;

    /** A filter applying {@code config}. */
    public JsonShapeFilter(JsonShapeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.shaper = new JsonShaper(config);
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public BodyMode responseBodyMode() {
        return BodyMode.buffer(config.maxBytes());
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        HttpHeaders headers = exchange.requestHeaders();
        String client = headers.get(HttpHeaderNames.ACCEPT_ENCODING);
        if (client != null && exchange.attr(AcceptEncoding.CLIENT) == null) {
            exchange.attr(AcceptEncoding.CLIENT, client);
        }
        headers.set(HttpHeaderNames.ACCEPT_ENCODING, "identity");
        return FilterResult.next();
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        HttpHeaders headers = exchange.responseHeaders();
        int status = exchange.status();
        if (status < 200 || status > 299 || status == 204 || exchange.method().equals(HttpMethod.HEAD)
                || !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
            return FilterResult.next();
        }
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        boolean compressing = exchange.attr(CompressionFilter.COMPRESSING) != null;
        if (encoding != null && !encoding.equalsIgnoreCase("identity") && !compressing) {
            return FilterResult.error(502, "backend sent a " + encoding + "-encoded JSON body that cannot be shaped");
        }
        ByteBuf body = exchange.responseBody();
        if (body == null || !body.isReadable()) {
            return FilterResult.next();
        }
        byte[] shaped;
        try {
            JsonNode root = MAPPER.readTree((java.io.InputStream) new ByteBufInputStream(body.duplicate()));
            if (root == null || root.isMissingNode()) {
                return FilterResult.error(502, "backend sent an invalid JSON body");
            }
            shaped = MAPPER.writeValueAsBytes(shaper.shape(root));
        } catch (JsonProcessingException e) {
            return FilterResult.error(502, "backend sent an invalid JSON body");
        } catch (IOException e) {
            return FilterResult.error(502, "backend sent an unreadable JSON body");
        }
        exchange.responseBody(Unpooled.wrappedBuffer(shaped));
        if (compressing) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH); // the compressed length is known only when written
        } else {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, shaped.length);
        }
        headers.remove(HttpHeaderNames.ETAG);
        headers.remove(HttpHeaderNames.CONTENT_MD5);
        headers.remove("digest");
        headers.remove("content-digest");
        headers.remove("repr-digest");
        return FilterResult.next();
    }

    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }
}
