package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.FilterChain;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.WeightedBackend;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.meshgate.proxy.upstream.Endpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
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
import java.net.InetSocketAddress;
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
    private @Nullable RequestIntake intake;
    private @Nullable ScheduledFuture<?> requestTimer;
    private @Nullable ScheduledFuture<?> receivedTimer;
    private boolean requestFiltersDone;
    boolean requestComplete;
    boolean finished;

    ProxyExchange(ExchangeHandler handler, HttpRequest request) {
        this.handler = handler;
        this.request = request;
        this.shape = RequestShape.of(request, handler.http2(), handler.port().limits().path());
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
        if (shape.redirectToPath()) {
            redirectToNormalizedPath();
            return;
        }
        HopByHop.strip(x.requestHeaders(), shape.upgrade());
        x.requestHeaders().remove(HttpHeaderNames.EXPECT);
        ForwardedHeaders.apply(x, limits.trustedProxies(), handler.peerIp());
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
        armReceivedTimer();
        backend = Backends.pick(r);
        FilterChain backendChain = backend == null ? FilterChain.empty() : backend.filters();
        walker = new FilterWalker(r.filters(), backendChain);
        RequestIntake in = new RequestIntake(this, Math.max(r.retry().bufferLimitBytes(), 0));
        intake = in;
        if (r.filters().buffersRequest() || backendChain.buffersRequest()) {
            int limit = minPositive(r.filters().requestBufferLimit(), backendChain.requestBufferLimit());
            boolean overflowStreams = r.filters().requestOverflowStreams() && backendChain.requestOverflowStreams();
            if (shape.contentLength() > limit) {
                if (overflowStreams) {
                    runRequestFilters(); // BodyMode.bufferUpTo: the filters run without the body
                    return;
                }
                response.reject(413, "request body too large", true);
                return;
            }
            sendContinueIfExpected();
            in.bufferForFilters(limit, overflowStreams);
            return;
        }
        runRequestFilters();
    }

    /** ClientTrafficPolicy {@code path.escapedSlashesAction: UnescapeAndRedirect}, as Envoy does it. */
    private void redirectToNormalizedPath() {
        String contentType = x.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType != null && contentType.startsWith("application/grpc")) {
            response.reject(400, "escaped slash in path", false); // gRPC clients do not follow redirects
            return;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.LOCATION, shape.path());
        response.localReply(FilterResult.respond(307, headers, new byte[0]), LocalReplies.LOCAL_REPLY);
    }

    private static int minPositive(int a, int b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    void runRequestFilters() {
        java.util.Objects.requireNonNull(walker).runRequest(x, this);
    }

    void onContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (requestComplete) {
            c.release();
            return;
        }
        telemetry.requestBytes += c.content().readableBytes();
        if (last) {
            requestComplete = true;
            receivedTimer = cancel(receivedTimer);
        }
        if (response.done) {
            c.release();
            if (last) {
                response.requestEndedAfterResponse();
            }
            return;
        }
        RequestIntake in = intake;
        if (finished || in == null) { // ended, or rejected before routing finished
            c.release();
            return;
        }
        if (limits.maxBodySize() > 0 && telemetry.requestBytes > limits.maxBodySize()) {
            c.release();
            response.reject(413, "request body too large", true);
            return;
        }
        in.accept(c);
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
        RequestIntake in = java.util.Objects.requireNonNull(intake);
        if (x.requestBody() == null && !x.requestHeaders().contains(HttpHeaderNames.CONTENT_LENGTH) && shape.hasBody()) {
            HttpUtil.setTransferEncodingChunked(requestHead(), true);
        }
        sendContinueIfExpected();
        if (!in.filtersDone()) {
            return;
        }
        UpstreamCall c = new UpstreamCall(this, b.cluster(), in.body);
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

    /** The listener's request-received timeout, for a request whose body is still to come. */
    private void armReceivedTimer() {
        long timeout = limits.requestReceivedTimeout().toNanos();
        if (timeout <= 0 || isFull(request) || !handler.http2() && !shape.hasBody()) {
            return; // off, or the head was the whole request (HTTP/1.x: no Content-Length, not chunked)
        }
        long left = handler.requestStartedNanos(startNanos) + timeout - System.nanoTime();
        receivedTimer = x.eventLoop().schedule(this::onRequestReceivedTimeout, Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    /** Cancels {@code timer} if armed; returns null, for the field that held it. */
    private static @Nullable ScheduledFuture<?> cancel(@Nullable ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        return null;
    }

    // Envoy's request_timeout: once the response has started, the client may go on sending.
    private void onRequestReceivedTimeout() {
        receivedTimer = null;
        if (finished || requestComplete || response.headSent()) {
            return;
        }
        // 408 and the connection closed (HTTP/1.x) or the stream reset after it (HTTP/2): the
        // rest of the body is not read
        response.reject(408, "request timeout", true, LocalReplies.REQUEST_RECEIVED_TIMEOUT);
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
        requestTimer = cancel(requestTimer);
        receivedTimer = cancel(receivedTimer);
        if (intake != null) {
            intake.release();
        }
        response.release();
        x.release();
        telemetry.report();
    }

    boolean requestFiltersDone() {
        return requestFiltersDone;
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
