package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.BodyRejectedException;
import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.WeightedBackend;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.upstream.Endpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One proxied exchange, from the request head to the last response byte: routing, the request
 * filter phase (with optional body buffering), the upstream call, the response filter phase and
 * streaming the answer back. Confined to the downstream channel's event loop.
 *
 * <p>The response side lives in {@link ResponseSide}; tries and retries in {@link UpstreamCall}.
 */
final class ProxyExchange implements FilterWalker.Continuation {

    final ExchangeHandler handler;
    final HttpRequest request;
    final long startNanos = System.nanoTime();
    final long startMillis = System.currentTimeMillis();
    final ResponseSide response;
    final ExchangeTelemetry telemetry;
    Exchange x;
    ListenerLimits limits = ListenerLimits.DEFAULTS;
    @Nullable Route route;
    @Nullable WeightedBackend backend;
    @Nullable FilterWalker walker;
    @Nullable UpstreamCall call;
    final RequestShape shape;
    private @Nullable RequestBody body;
    private @Nullable CompositeByteBuf filterBuffer;
    private int filterBufferLimit;
    private HttpHeaders bufferedTrailers = EmptyHttpHeaders.INSTANCE;
    private @Nullable ScheduledFuture<?> requestTimer;
    private @Nullable ArrayDeque<HttpContent> early;
    private long earlyBytes;
    private boolean requestTransformerDone;
    private boolean requestOverflowStreams;
    private @Nullable Mirrors mirrors;
    private boolean requestFiltersDone;
    boolean requestComplete;
    boolean finished;

    ProxyExchange(ExchangeHandler handler, HttpRequest request) {
        this.handler = handler;
        this.request = request;
        this.shape = RequestShape.of(request, handler.http2());
        ChannelHandlerContext ctx = handler.ctx();
        HttpHeaders headers = request.headers();
        String authority = shape.authority();
        x = new Exchange(ctx.channel().eventLoop(), remote(ctx), handler.tlsSession(), shape.protocol(),
                handler.scheme(), request.method(), shape.path(), authority, headers, startNanos);
        this.response = new ResponseSide(this);
        this.telemetry = new ExchangeTelemetry(this);
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        java.net.SocketAddress a = ctx.channel().remoteAddress();
        if (a == null && ctx.channel().parent() != null) {
            a = ctx.channel().parent().remoteAddress();
        }
        return a instanceof InetSocketAddress i ? i : new InetSocketAddress("0.0.0.0", 0);
    }

    /** Routes and runs the request phase. */
    void start() {
        ListenerPort port = handler.port();
        limits = port.limits();
        if (shape.invalidReason() != null) {
            response.reject(400, shape.invalidReason(), true);
            return;
        }
        HopByHop.strip(x.requestHeaders(), shape.upgrade());
        x.requestHeaders().remove(HttpHeaderNames.EXPECT);
        ForwardedHeaders.apply(x, limits.trustedProxies());
        if (limits.maxBodySize() > 0 && shape.contentLength() > limits.maxBodySize()) {
            response.reject(413, "request body too large", true);
            return;
        }
        Route r = port.routes().match(x);
        if (r == null) {
            response.localReply(LocalReplies.error(404, "no route"), LocalReplies.NO_ROUTE);
            return;
        }
        route = r;
        x.route(r);
        long timeout = r.timeouts().request().toNanos();
        if (timeout > 0) {
            requestTimer = x.eventLoop().schedule(this::onRequestTimeout, timeout, TimeUnit.NANOSECONDS);
        }
        backend = Backends.pick(r);
        FilterChain backendChain = backend == null ? FilterChain.empty() : backend.filters();
        walker = new FilterWalker(r.filters(), backendChain);
        body = new RequestBody(Math.max(r.retry().bufferLimitBytes(), 0));
        if (r.filters().buffersRequest() || backendChain.buffersRequest()) {
            filterBufferLimit = minPositive(r.filters().requestBufferLimit(), backendChain.requestBufferLimit());
            requestOverflowStreams = r.filters().requestOverflowStreams() && backendChain.requestOverflowStreams();
            if (shape.contentLength() > filterBufferLimit) {
                if (requestOverflowStreams) {
                    walker.runRequest(x, this); // BodyMode.bufferUpTo: the filters run without the body
                    return;
                }
                response.reject(413, "request body too large", true);
                return;
            }
            sendContinueIfExpected();
            filterBuffer = x.eventLoop().equals(handler.ctx().channel().eventLoop())
                    ? handler.ctx().alloc().compositeBuffer(1024) : Unpooled.compositeBuffer();
            if (requestComplete) {
                onFilterBufferComplete();
            }
            return;
        }
        walker.runRequest(x, this);
    }

    private static int minPositive(int a, int b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    void onContent(HttpContent c) {
        ByteBuf data = c.content();
        boolean last = c instanceof LastHttpContent;
        HttpHeaders trailers = last ? ((LastHttpContent) c).trailingHeaders() : null;
        if (requestComplete) {
            c.release();
            return;
        }
        telemetry.requestBytes += data.readableBytes();
        if (last) {
            requestComplete = true;
        }
        if (response.done) {
            c.release();
            if (last) {
                response.requestEndedAfterResponse();
            }
            return;
        }
        if (finished) {
            c.release();
            return;
        }
        if (limits.maxBodySize() > 0 && telemetry.requestBytes > limits.maxBodySize()) {
            c.release();
            response.reject(413, "request body too large", true);
            return;
        }
        CompositeByteBuf fb = filterBuffer;
        if (fb != null) {
            if (data.isReadable()) {
                fb.addComponent(true, data);
            } else {
                data.release();
            }
            if (fb.readableBytes() > filterBufferLimit) {
                if (requestOverflowStreams) {
                    // BodyMode.bufferUpTo: what came so far streams on after the filters, which see no body
                    filterBuffer = null;
                    early = new ArrayDeque<>(4);
                    early.add(last ? new DefaultLastHttpContent(fb, trailers) : new DefaultHttpContent(fb));
                    java.util.Objects.requireNonNull(walker).runRequest(x, this);
                    return;
                }
                response.reject(413, "request body too large", true);
                return;
            }
            if (last) {
                bufferedTrailers = trailers;
                onFilterBufferComplete();
            }
            return;
        }
        RequestBody b = body;
        if (b == null) { // rejected before routing finished
            c.release();
            return;
        }
        if (!requestFiltersDone) {
            // a request filter may still install a body transformer: hold the bytes until it is done
            if (early == null) {
                early = new ArrayDeque<>(4);
            }
            early.add(c);
            earlyBytes += data.readableBytes();
            if (earlyBytes > 256 * 1024) {
                handler.pauseReads(true);
            }
            return;
        }
        if (!feed(data, last, trailers)) {
            return;
        }
        if (!last && b.pendingBytes() > 256 * 1024) {
            handler.pauseReads(true); // no try attached yet: stop reading until one is
        }
    }

    /** A buffered body through the request transformer in one go, or null when the transformer refused it. */
    private @Nullable ByteBuf transformWhole(ByteBuf whole) {
        BodyTransformer t = x.requestBodyTransformer();
        if (t == null) {
            return whole;
        }
        requestTransformerDone = true;
        try {
            ByteBuf out = t.transform(whole, handler.ctx().alloc());
            return Chunks.concat(out, t.finish(handler.ctx().alloc()), handler.ctx().alloc());
        } catch (BodyRejectedException e) {
            response.reject(e.status(), String.valueOf(e.getMessage()), true);
            return null;
        }
    }

    /** Passes request body bytes through the request transformer to the mirrors and the upstream body. */
    private boolean feed(ByteBuf data, boolean last, @Nullable HttpHeaders trailers) {
        RequestBody b = java.util.Objects.requireNonNull(body);
        BodyTransformer t = requestTransformerDone ? null : x.requestBodyTransformer();
        ByteBuf out = data;
        if (t != null) {
            try {
                out = t.transform(data, handler.ctx().alloc());
                if (last) {
                    requestTransformerDone = true;
                    out = Chunks.concat(out, t.finish(handler.ctx().alloc()), handler.ctx().alloc());
                }
            } catch (BodyRejectedException e) {
                requestTransformerDone = true;
                response.reject(e.status(), String.valueOf(e.getMessage()), true);
                return false;
            }
        }
        HttpHeaders tr = trailers == null ? EmptyHttpHeaders.INSTANCE : trailers;
        if (mirrors != null) {
            mirrors.forward(out, last, tr);
        }
        if (out.isReadable()) {
            b.add(out);
        } else {
            out.release();
        }
        if (last) {
            b.end(tr);
        }
        return true;
    }

    private void onFilterBufferComplete() {
        CompositeByteBuf fb = filterBuffer;
        if (fb == null || walker == null) {
            return;
        }
        filterBuffer = null;
        x.requestBody(fb);
        walker.runRequest(x, this);
    }

    void onMalformedBody() {
        requestComplete = true;
        if (!response.headSent()) {
            response.reject(400, "malformed request body", true);
        } else {
            abort(LocalReplies.DOWNSTREAM_RESET);
        }
    }

    // ---- FilterWalker.Continuation for the request phase

    @Override
    public boolean cancelled() {
        return finished || response.done;
    }

    @Override
    public void proceed() {
        requestFiltersDone = true;
        WeightedBackend b = backend;
        if (b == null || b.cluster() == null) {
            response.localReply(LocalReplies.error(500, "no backend for route"), LocalReplies.UNRESOLVED_BACKEND);
            return;
        }
        RequestBody rb = java.util.Objects.requireNonNull(body);
        ByteBuf buffered = x.requestBody();
        if (buffered == null && !x.requestHeaders().contains(HttpHeaderNames.CONTENT_LENGTH) && shape.hasBody()) {
            HttpUtil.setTransferEncodingChunked(requestHead(), true);
        }
        sendContinueIfExpected();
        if (buffered != null) {
            ByteBuf whole = transformWhole(buffered.retainedDuplicate());
            if (whole == null) {
                return;
            }
            x.requestHeaders().remove(HttpHeaderNames.TRANSFER_ENCODING);
            x.requestHeaders().setInt(HttpHeaderNames.CONTENT_LENGTH, whole.readableBytes());
            mirrors = Mirrors.start(this);
            feed(whole, true, bufferedTrailers);
        } else {
            mirrors = Mirrors.start(this);
        }
        ArrayDeque<HttpContent> held = early;
        early = null;
        if (held != null) {
            HttpContent c;
            while ((c = held.poll()) != null) {
                boolean last = c instanceof LastHttpContent;
                if (!feed(c.content(), last, last ? ((LastHttpContent) c).trailingHeaders() : null)) {
                    while ((c = held.poll()) != null) {
                        c.release();
                    }
                    return;
                }
            }
            handler.pauseReads(false);
        }
        UpstreamCall c = new UpstreamCall(this, b.cluster(), rb);
        call = c;
        c.start();
    }

    @Override
    public void respond(FilterResult.Respond respond) {
        response.localReply(respond, LocalReplies.LOCAL_REPLY);
    }

    private @Nullable HttpRequest upstreamHead;

    /** The request as sent upstream, built once from the exchange after the request phase. */
    HttpRequest requestHead() {
        HttpRequest h = upstreamHead;
        if (h == null) {
            HttpHeaders headers = x.requestHeaders();
            headers.set(HttpHeaderNames.HOST, x.authority());
            h = new DefaultHttpRequest(HttpVersion.HTTP_1_1, x.method(), x.path(), headers);
            upstreamHead = h;
        }
        return h;
    }

    boolean idempotent() {
        HttpMethod m = x.method();
        return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || m == HttpMethod.PUT
                || m == HttpMethod.DELETE || m == HttpMethod.TRACE;
    }

    private void sendContinueIfExpected() {
        if (shape.expectContinue() && !requestComplete && !response.headSent()) {
            shape.continueSent();
            handler.ctx().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
    }

    void flushUpstream() {
        UpstreamCall c = call;
        if (c != null) {
            c.flush();
        }
    }

    void onClientWritabilityChanged(boolean writable) {
        UpstreamCall c = call;
        if (c != null) {
            c.pauseReads(!writable);
        }
    }

    void onClientClosed() {
        if (!finished) {
            abort(response.done ? null : LocalReplies.DOWNSTREAM_RESET);
        }
    }

    void pauseClientReads(boolean pause) {
        handler.pauseReads(pause);
    }

    void tryStarted(Endpoint endpoint, String cluster) {
        telemetry.tryStarted(endpoint, cluster);
    }

    private void onRequestTimeout() {
        requestTimer = null;
        if (finished) {
            return;
        }
        UpstreamCall c = call;
        if (c != null) {
            c.cancel(true);
        }
        if (!response.headSent()) {
            response.localReply(LocalReplies.error(504, "request timeout"), LocalReplies.REQUEST_TIMEOUT);
        } else {
            abort(LocalReplies.REQUEST_TIMEOUT);
        }
    }

    /** Ends the exchange abruptly: closes the client connection (HTTP/1.1) or resets the stream (HTTP/2). */
    void abort(@Nullable String flag) {
        if (finished) {
            return;
        }
        if (flag != null && telemetry.flag == null) {
            telemetry.flag = flag;
        }
        UpstreamCall c = call;
        if (c != null) {
            c.cancel(false);
        }
        finish();
        handler.closeNow();
    }

    /** Releases everything and reports the exchange; called exactly once. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (requestTimer != null) {
            requestTimer.cancel(false);
            requestTimer = null;
        }
        if (filterBuffer != null) {
            filterBuffer.release();
            filterBuffer = null;
        }
        if (body != null) {
            body.release();
        }
        if (early != null) {
            HttpContent c;
            while ((c = early.poll()) != null) {
                c.release();
            }
            early = null;
        }
        BodyTransformer t = x.requestBodyTransformer();
        if (t != null && !requestTransformerDone) {
            requestTransformerDone = true;
            t.abort();
        }
        if (mirrors != null) {
            mirrors.requestEnded();
        }
        response.release();
        x.release();
        telemetry.report();
    }

    boolean requestFiltersDone() {
        return requestFiltersDone;
    }

    @Nullable RequestBody body() {
        return body;
    }

    static void rejectBeforeExchange(ExchangeHandler handler, int status, String message) {
        FilterResult.Respond r = LocalReplies.error(status, message);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(r.body()));
        res.headers().add(r.headers());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        if (!handler.http2()) {
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        handler.ctx().writeAndFlush(res);
        handler.services().listener().onRejected(LocalReplies.LOCAL_REPLY);
        handler.closeAfterFlush();
    }

    static HttpResponse head(int status, HttpHeaders headers) {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), headers);
    }

    static boolean isFull(HttpRequest r) {
        return r instanceof FullHttpRequest;
    }
}
