package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.BodyRejectedException;
import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.filter.FilterResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The response half of a {@link ProxyExchange}: runs the response filter phase (buffering the
 * body when a filter asks), frames the answer for the client (HTTP/1.x keep-alive and chunking),
 * and streams upstream chunks to the client with backpressure. Also writes the proxy's own answers.
 */
final class ResponseSide implements FilterWalker.Continuation {

    private final ProxyExchange px;
    private boolean headSent;
    /** The whole response was written to the client. */
    boolean done;
    private boolean closeAfter;
    private boolean local;
    private boolean filtering;
    /** The response phase is running synchronously inside {@link #onUpstreamHead}. */
    private boolean inline;
    private boolean discarding;
    private boolean waitingRequestEnd;
    private boolean transformerDone;
    private @Nullable ArrayDeque<HttpContent> held;
    private @Nullable CompositeByteBuf buffer;
    private int bufferLimit;
    private HttpHeaders trailers = EmptyHttpHeaders.INSTANCE;
    /**
     * Nothing but the end follows the upstream's head: it came with END_STREAM (HTTP/2), or the
     * response cannot have a body (204, 304, a HEAD request, Content-Length 0).
     */
    private boolean headEndsResponse;
    /** The head waits for the end of the response, to go out with it as one message. */
    private boolean headDeferred;

    ResponseSide(ProxyExchange px) {
        this.px = px;
    }

    boolean headSent() {
        return headSent;
    }

    private ChannelHandlerContext ctx() {
        return px.handler.ctx();
    }

    // ---- the proxy's own answers

    /** Answers with {@code r} after the response phase of the filters that ran. */
    void localReply(FilterResult.Respond r, String flag) {
        if (done || px.finished) {
            return;
        }
        if (headSent) {
            px.abort(flag);
            return;
        }
        if (px.telemetry.flag == null) {
            px.telemetry.flag = flag;
        }
        UpstreamCall call = px.call;
        if (call != null) {
            call.cancel(false);
        }
        releaseBuffers();
        local = true;
        px.x.status(r.status());
        px.x.responseHeaders(r.headers());
        px.x.responseBody(Unpooled.wrappedBuffer(r.body()));
        FilterWalker w = px.walker;
        if (w != null && !w.isEmpty()) {
            filtering = true;
            w.runResponse(px.x, this);
        } else {
            writeFull();
        }
    }

    /** Answers {@code status} without running filters; {@code close} ends the connection after it. */
    void reject(int status, String message, boolean close) {
        reject(status, message, close, LocalReplies.LOCAL_REPLY);
    }

    /** As {@link #reject(int, String, boolean)}, reporting response flag {@code flag}. */
    void reject(int status, String message, boolean close, String flag) {
        if (done || px.finished) {
            return;
        }
        if (headSent) {
            px.abort(LocalReplies.DOWNSTREAM_RESET);
            return;
        }
        UpstreamCall call = px.call;
        if (call != null) {
            call.cancel(false);
        }
        FilterResult.Respond r = LocalReplies.error(status, message);
        px.telemetry.flag = flag;
        px.x.status(status);
        px.x.responseHeaders(r.headers());
        px.x.responseBody(Unpooled.wrappedBuffer(r.body()));
        closeAfter = close;
        writeFull();
    }

    // ---- the upstream's answer

    void onUpstreamHead(HttpResponse r) {
        headEndsResponse = r instanceof LastHttpContent || bodyless(r.status().code())
                || px.request.method().equals(HttpMethod.HEAD)
                || (HttpUtil.getContentLength(r, -1L) == 0 && !HttpUtil.isTransferEncodingChunked(r));
        px.telemetry.upstreamHead();
        HopByHop.strip(r.headers(), false);
        px.x.status(r.status().code());
        px.x.responseHeaders(r.headers());
        FilterWalker w = px.walker;
        if (w == null || w.isEmpty()) {
            writeHead();
            return;
        }
        int limit = responseBufferLimit();
        // A body the Content-Length already shows too large for a bufferUpTo chain streams at once.
        if (limit > 0 && !(responseOverflowStreams() && HttpUtil.getContentLength(r, -1L) > limit)) {
            bufferLimit = limit;
            buffer = ctx().alloc().compositeBuffer(1024);
            return;
        }
        filtering = true;
        inline = true;
        w.runResponse(px.x, this);
        inline = false;
        if (filtering) {
            // A filter awaits: hold the upstream back until it is done (chunks meanwhile are held).
            UpstreamCall call = px.call;
            if (call != null) {
                call.pauseReads(true);
            }
        }
    }

    /** Whether a body over the limit streams on with the filters seeing none (BodyMode.bufferUpTo), not a 502. */
    private boolean responseOverflowStreams() {
        boolean a = px.route == null || !px.route.filters().buffersResponse() || px.route.filters().responseOverflowStreams();
        boolean b = px.backend == null || !px.backend.filters().buffersResponse()
                || px.backend.filters().responseOverflowStreams();
        return a && b;
    }

    private int responseBufferLimit() {
        int a = px.route == null ? 0 : px.route.filters().responseBufferLimit();
        int b = px.backend == null ? 0 : px.backend.filters().responseBufferLimit();
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    void onUpstreamContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (discarding || done) {
            c.release();
            return;
        }
        CompositeByteBuf b = buffer;
        if (b != null) {
            ByteBuf data = c.content();
            if (data.isReadable()) {
                b.addComponent(true, data.retain());
            }
            if (last) {
                trailers = ((LastHttpContent) c).trailingHeaders().copy();
            }
            c.release();
            if (b.readableBytes() > bufferLimit) {
                if (responseOverflowStreams()) {
                    overflow(b, last);
                    return;
                }
                localReply(LocalReplies.error(502, "upstream response too large"), LocalReplies.UPSTREAM_RESET);
                return;
            }
            if (last) {
                buffer = null;
                px.x.responseBody(b);
                filtering = true;
                java.util.Objects.requireNonNull(px.walker).runResponse(px.x, this);
            }
            return;
        }
        if (filtering) {
            if (held == null) {
                held = new ArrayDeque<>(4);
            }
            held.add(c);
            return;
        }
        writeContent(c);
    }

    // The filters run without a body; what was buffered so far is held and written after them.
    private void overflow(CompositeByteBuf b, boolean last) {
        buffer = null;
        held = new ArrayDeque<>(4);
        if (last) {
            DefaultLastHttpContent c = new DefaultLastHttpContent(b);
            c.trailingHeaders().set(trailers);
            held.add(c);
        } else {
            held.add(new io.netty.handler.codec.http.DefaultHttpContent(b));
        }
        filtering = true;
        UpstreamCall call = px.call;
        if (call != null) {
            call.pauseReads(true);
        }
        java.util.Objects.requireNonNull(px.walker).runResponse(px.x, this);
    }

    private void writeContent(HttpContent c) {
        ChannelHandlerContext ctx = ctx();
        BodyTransformer t = px.x.responseBodyTransformer();
        if (t != null && !transformerDone && !bodyless(px.x.status()) && !px.request.method().equals(HttpMethod.HEAD)) {
            c = transform(t, c);
            if (c == null) {
                return;
            }
        }
        px.telemetry.responseBytes += c.content().readableBytes();
        if (c instanceof LastHttpContent last) {
            if (headDeferred) {
                writeWhole(last);
            } else {
                ctx.writeAndFlush(c, ctx.voidPromise()); // nobody waits on these writes: no promise per write
            }
            complete();
            return;
        }
        ctx.write(c, ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
            // pause before flushing: the flush may make the channel writable again at once, and
            // that event (which resumes reading) must not be overtaken by this pause
            UpstreamCall call = px.call;
            if (call != null) {
                call.pauseReads(true);
            }
            ctx.flush();
        }
    }

    /** Runs one chunk through the response transformer; null when it refused the body (the exchange is aborted). */
    private @Nullable HttpContent transform(BodyTransformer t, HttpContent c) {
        try {
            transformerDone = c instanceof LastHttpContent;
            return Chunks.transform(t, c, ctx().alloc());
        } catch (BodyRejectedException e) {
            transformerDone = true;
            px.abort(LocalReplies.LOCAL_REPLY);
            return null;
        }
    }

    void flush() {
        if (headSent && !done) {
            ctx().flush();
        }
    }

    // ---- FilterWalker.Continuation for the response phase

    @Override
    public boolean cancelled() {
        return px.finished || done;
    }

    @Override
    public void proceed() {
        filtering = false;
        FilterWalker w = px.walker;
        boolean replaced = w != null && w.responseReplaced();
        if (local || replaced || px.x.responseBody() != null) {
            if (!local && replaced) {
                discarding = true;
                UpstreamCall call = px.call;
                if (call != null) {
                    call.cancel(false);
                }
            }
            writeFull();
            return;
        }
        writeHead();
        if (inline) {
            // The filters finished within onUpstreamHead: nothing was held or paused, and the body
            // about to arrive flushes the head with it, as on a route without filters.
            return;
        }
        ArrayDeque<HttpContent> h = held;
        held = null;
        if (h != null) {
            HttpContent c;
            while ((c = h.poll()) != null && !done) {
                writeContent(c);
            }
            while ((c = h.poll()) != null) {
                c.release();
            }
        }
        if (!done) {
            ctx().flush();
            UpstreamCall call = px.call;
            if (call != null) {
                call.pauseReads(!ctx().channel().isWritable());
            }
        }
    }

    @Override
    public void respond(FilterResult.Respond respond) {
        // response-phase answers are applied to the exchange by the walker; never called
    }

    // ---- writing

    private void writeHead() {
        headSent = true;
        px.telemetry.status = px.x.status();
        if (headEndsResponse && px.x.responseBodyTransformer() == null) {
            headDeferred = true; // see writeWhole
            return;
        }
        HttpResponse res = ProxyExchange.head(px.x.status(), px.x.responseHeaders());
        frame(res, false);
        ctx().write(res, ctx().voidPromise());
    }

    /**
     * The deferred head and the end of the response as one message: for an HTTP/2 client one
     * HEADERS frame with END_STREAM, which is what a gRPC client needs of a trailers-only answer
     * (its grpc-status is in that frame; a second HEADERS frame would carry :status as a trailer).
     */
    private void writeWhole(LastHttpContent last) {
        int status = px.x.status();
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                last.content(), px.x.responseHeaders(), last.trailingHeaders());
        if (!px.handler.http2() && !bodyless(status) && !px.request.method().equals(HttpMethod.HEAD)
                && !res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(res, last.content().readableBytes());
        }
        frame(res, true);
        ctx().writeAndFlush(res, ctx().voidPromise());
    }

    private void writeFull() {
        int status = px.x.status();
        ByteBuf body = px.x.responseBody();
        boolean bodyless = bodyless(status);
        int length = body == null || bodyless ? 0 : body.readableBytes();
        ByteBuf content = length == 0 || px.request.method().equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER
                : java.util.Objects.requireNonNull(body).retainedDuplicate();
        BodyTransformer t = px.x.responseBodyTransformer();
        if (t != null && !transformerDone && content.isReadable()) {
            transformerDone = true;
            try {
                content = Chunks.transformWhole(t, content, ctx().alloc());
                length = content.readableBytes();
            } catch (BodyRejectedException e) {
                content = Unpooled.EMPTY_BUFFER;
                status = e.status();
                length = 0;
            }
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                content, px.x.responseHeaders(), trailers);
        if (!bodyless) {
            HttpUtil.setContentLength(res, length);
            res.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        }
        frame(res, true);
        headSent = true;
        px.telemetry.status = status;
        px.telemetry.responseBytes += content.readableBytes();
        ctx().writeAndFlush(res, ctx().voidPromise());
        complete();
    }

    private static boolean bodyless(int status) {
        return Http1Framing.bodyless(status);
    }

    /** HTTP/1.x framing: keep-alive or close, chunked when the length is unknown. */
    private void frame(HttpResponse res, boolean full) {
        if (!px.handler.http2()) {
            boolean close = closeAfter || !px.shape.keepAlive() || (!px.requestComplete && px.shape.hasBody());
            closeAfter = Http1Framing.frame(res, full, px.shape, px.request.method().equals(HttpMethod.HEAD), close);
        }
    }

    private void complete() {
        done = true;
        px.finish();
        if (px.requestComplete) {
            px.handler.exchangeDone(px, closeAfter);
        } else if (!px.shape.hasBody() && !closeAfter) {
            waitingRequestEnd = true; // the empty last chunk is on its way from the decoder
        } else if (px.handler.http2()) {
            px.handler.exchangeDone(px, true);
            ctx().channel().close(); // reset the stream: we will not read the rest of its body
        } else {
            px.handler.exchangeDone(px, true);
        }
    }

    void requestEndedAfterResponse() {
        if (waitingRequestEnd) {
            waitingRequestEnd = false;
            px.handler.exchangeDone(px, closeAfter);
        }
    }

    void release() {
        releaseBuffers();
        BodyTransformer t = px.x.responseBodyTransformer();
        if (t != null && !transformerDone) {
            transformerDone = true;
            t.abort();
        }
    }

    private void releaseBuffers() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
        if (held != null) {
            HttpContent c;
            while ((c = held.poll()) != null) {
                c.release();
            }
            held = null;
        }
    }

    static LastHttpContent last(HttpHeaders trailers) {
        return trailers.isEmpty() ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, trailers);
    }
}
