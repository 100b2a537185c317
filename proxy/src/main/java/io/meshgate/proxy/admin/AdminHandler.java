package io.meshgate.proxy.admin;

import io.meshgate.proxy.telemetry.ProxyMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoints. Sits last in the admin pipeline, after {@code HttpServerCodec}
 * and {@code HttpObjectAggregator}. Sends 404 for unknown paths and 405 for methods other than
 * GET and HEAD, each with a short JSON body.
 *
 * <p>Runs on the admin listener's own event loop, never a data-plane one, so rendering metrics
 * (CPU work proportional to the number of series) delays only other admin requests.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final String JSON = "application/json";

    private final AdminSources sources;

    AdminHandler(AdminSources sources) {
        this.sources = sources;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            send(ctx, req, text(HttpResponseStatus.BAD_REQUEST, JSON, AdminJson.error("bad request")), false);
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        if (!head && !req.method().equals(HttpMethod.GET)) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, JSON,
                    AdminJson.error("method not allowed"));
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, req, r, false);
            return;
        }
        FullHttpResponse response;
        try {
            response = answer(ctx, new QueryStringDecoder(req.uri()).path());
        } catch (RuntimeException | IOException e) {
            log.warn("admin: {} {} failed", req.method(), req.uri(), e);
            response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON, AdminJson.error("internal error"));
        }
        send(ctx, req, response, head);
    }

    private FullHttpResponse answer(ChannelHandlerContext ctx, String path) throws IOException {
        return switch (path) {
            case "/ready" -> sources.ready().getAsBoolean()
                    ? text(HttpResponseStatus.OK, "text/plain; charset=utf-8", "ready\n")
                    : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", "not ready\n");
            case "/metrics" -> metrics(ctx);
            case "/config" -> text(HttpResponseStatus.OK, JSON, AdminJson.config(sources.snapshot().get()));
            case "/clusters" -> text(HttpResponseStatus.OK, JSON, AdminJson.clusters(sources.snapshot().get()));
            case "/" -> text(HttpResponseStatus.OK, "text/plain; charset=utf-8",
                    "meshgate admin: /ready /metrics /config /clusters\n");
            default -> text(HttpResponseStatus.NOT_FOUND, JSON, AdminJson.error("no such admin endpoint: " + path));
        };
    }

    private FullHttpResponse metrics(ChannelHandlerContext ctx) throws IOException {
        ByteBuf body = ctx.alloc().buffer(16 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            sources.metrics().scrape(out);
        } catch (IOException | RuntimeException e) {
            body.release();
            throw e;
        }
        FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, ProxyMetrics.CONTENT_TYPE);
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return r;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r, boolean head) {
        HttpUtil.setContentLength(r, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (head) {
            // RFC 9110 §9.3.2: same headers as GET, no content.
            r.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }
}
