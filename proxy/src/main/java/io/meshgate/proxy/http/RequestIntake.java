package io.meshgate.proxy.http;

import io.meshgate.proxy.filter.BodyRejectedException;
import io.meshgate.proxy.filter.BodyTransformer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Where the request body goes while the request phase runs and after it: buffered whole for
 * filters that asked ({@code BodyMode.Buffer}), held while a filter may still install a body
 * transformer, then passed through that transformer to the mirrors and to the {@link RequestBody}
 * the upstream tries read. Confined to the exchange's event loop.
 */
final class RequestIntake {

    /** Bytes held for a try that is not attached yet before the client is paused. */
    static final int PAUSE_THRESHOLD = 256 * 1024;

    private final ProxyExchange px;
    final RequestBody body;
    private @Nullable CompositeByteBuf filterBuffer;
    private int filterBufferLimit;
    private boolean overflowStreams;
    private HttpHeaders bufferedTrailers = EmptyHttpHeaders.INSTANCE;
    private @Nullable ArrayDeque<HttpContent> early;
    private long earlyBytes;
    private boolean transformerDone;
    private boolean filtersDone;
    private @Nullable Mirrors mirrors;

    RequestIntake(ProxyExchange px, long replayLimit) {
        this.px = px;
        this.body = new RequestBody(replayLimit);
    }

    private ByteBufAllocator alloc() {
        return px.handler.ctx().alloc();
    }

    /** The filters need the whole body (up to {@code limit}) before their request phase. */
    void bufferForFilters(int limit, boolean streamWhenLarger) {
        filterBufferLimit = limit;
        overflowStreams = streamWhenLarger;
        filterBuffer = alloc().compositeBuffer(1024);
    }

    /** Takes one chunk from the client (ownership included). */
    void accept(HttpContent c) {
        ByteBuf data = c.content();
        boolean last = c instanceof LastHttpContent;
        HttpHeaders trailers = last ? ((LastHttpContent) c).trailingHeaders() : null;
        CompositeByteBuf fb = filterBuffer;
        if (fb != null) {
            if (data.isReadable()) {
                fb.addComponent(true, data);
            } else {
                data.release();
            }
            if (fb.readableBytes() > filterBufferLimit) {
                filterBuffer = null;
                if (overflowStreams) {
                    // BodyMode.bufferUpTo: what came so far streams on after the filters, which see no body
                    early = new ArrayDeque<>(4);
                    early.add(last ? new DefaultLastHttpContent(fb, trailers) : new DefaultHttpContent(fb));
                    px.runRequestFilters();
                    return;
                }
                fb.release();
                px.response.reject(413, "request body too large", true);
                return;
            }
            if (last) {
                bufferedTrailers = trailers;
                filterBuffer = null;
                px.x.requestBody(fb);
                px.runRequestFilters();
            }
            return;
        }
        if (!filtersDone) {
            // a request filter may still install a body transformer: hold the bytes until it is done
            if (early == null) {
                early = new ArrayDeque<>(4);
            }
            early.add(c);
            earlyBytes += data.readableBytes();
            if (earlyBytes > PAUSE_THRESHOLD) {
                px.pauseClientReads(true);
            }
            return;
        }
        if (feed(data, last, trailers) && !last && body.pendingBytes() > PAUSE_THRESHOLD) {
            px.pauseClientReads(true); // no try attached yet: stop reading until one is
        }
    }

    /**
     * The request phase passed: sends the held body on (through the request transformer, to the
     * mirrors) and fixes the framing of a buffered body. False when the transformer refused the body.
     */
    boolean filtersDone() {
        filtersDone = true;
        ByteBuf buffered = px.x.requestBody();
        if (buffered != null) {
            ByteBuf whole = transformWhole(buffered.retainedDuplicate());
            if (whole == null) {
                return false;
            }
            px.x.requestHeaders().remove(HttpHeaderNames.TRANSFER_ENCODING);
            px.x.requestHeaders().setInt(HttpHeaderNames.CONTENT_LENGTH, whole.readableBytes());
            mirrors = Mirrors.start(px);
            feed(whole, true, bufferedTrailers);
        } else {
            mirrors = Mirrors.start(px);
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
                    return false;
                }
            }
            px.pauseClientReads(false);
        }
        return true;
    }

    /** A buffered body through the request transformer in one go, or null when the transformer refused it. */
    private @Nullable ByteBuf transformWhole(ByteBuf whole) {
        BodyTransformer t = px.x.requestBodyTransformer();
        if (t == null) {
            return whole;
        }
        transformerDone = true;
        try {
            return Chunks.transformWhole(t, whole, alloc());
        } catch (BodyRejectedException e) {
            px.response.reject(e.status(), String.valueOf(e.getMessage()), true);
            return null;
        }
    }

    /** Passes body bytes through the request transformer to the mirrors and the upstream body. */
    private boolean feed(ByteBuf data, boolean last, @Nullable HttpHeaders trailers) {
        BodyTransformer t = transformerDone ? null : px.x.requestBodyTransformer();
        ByteBuf out = data;
        if (t != null) {
            try {
                out = t.transform(data, alloc());
                if (last) {
                    transformerDone = true;
                    out = Chunks.concat(out, t.finish(alloc()), alloc());
                }
            } catch (BodyRejectedException e) {
                transformerDone = true;
                px.response.reject(e.status(), String.valueOf(e.getMessage()), true);
                return false;
            }
        }
        HttpHeaders tr = trailers == null ? EmptyHttpHeaders.INSTANCE : trailers;
        if (mirrors != null) {
            mirrors.forward(out, last, tr);
        }
        if (out.isReadable()) {
            body.add(out);
        } else {
            out.release();
        }
        if (last) {
            body.end(tr);
        }
        return true;
    }

    /** Releases everything held; the exchange ended. */
    void release() {
        if (filterBuffer != null) {
            filterBuffer.release();
            filterBuffer = null;
        }
        body.release();
        if (early != null) {
            HttpContent c;
            while ((c = early.poll()) != null) {
                c.release();
            }
            early = null;
        }
        BodyTransformer t = px.x.requestBodyTransformer();
        if (t != null && !transformerDone) {
            transformerDone = true;
            t.abort();
        }
        if (mirrors != null) {
            mirrors.requestEnded();
        }
    }
}
