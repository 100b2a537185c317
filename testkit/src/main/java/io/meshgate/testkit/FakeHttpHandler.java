package io.meshgate.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Serves one HTTP/1.1 connection or one HTTP/2 stream (as HTTP objects) of a {@link FakeUpstream}:
 * collects each request, records it, and lets the behaviour answer; pipelined requests are
 * answered in order.
 */
final class FakeHttpHandler extends ChannelInboundHandlerAdapter {

    private final FakeUpstream upstream;
    private final int connectionId;
    private final boolean h2;
    private final ArrayDeque<FakeRequest> waiting = new ArrayDeque<>();
    private @Nullable HttpRequest head;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long bodyLength;
    private boolean responding;
    private boolean keepAlive = true;
    private int served;
    private @Nullable Channel channel;
    private @Nullable Runnable onWritable;

    FakeHttpHandler(FakeUpstream upstream, int connectionId, boolean h2) {
        this.upstream = upstream;
        this.connectionId = connectionId;
        this.h2 = h2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest r) {
                head = r;
                body = new ByteArrayOutputStream();
                bodyLength = 0;
            }
            if (msg instanceof HttpContent c && head != null) {
                ByteBuf content = c.content();
                bodyLength += content.readableBytes();
                if (body.size() + content.readableBytes() <= FakeUpstream.MAX_KEPT_BODY) {
                    content.getBytes(content.readerIndex(), body, content.readableBytes());
                }
                if (msg instanceof LastHttpContent last) {
                    HttpRequest r = head;
                    head = null;
                    HttpHeaders headers = new DefaultHttpHeaders().add(r.headers());
                    // Netty's HTTP/2-to-HTTP/1 conversion adds these; they are not part of the request
                    headers.remove("x-http2-stream-id");
                    headers.remove("x-http2-scheme");
                    headers.remove("x-http2-path");
                    HttpHeaders trailers = new DefaultHttpHeaders().add(last.trailingHeaders());
                    FakeRequest req = new FakeRequest(r.method().name(), r.uri(), h2 ? "HTTP/2" : r.protocolVersion().text(),
                            headers, body.toByteArray(), bodyLength, trailers, connectionId);
                    upstream.record(req);
                    if (!h2 && isWebSocketUpgrade(r)) {
                        FakeWebSockets.accept(ctx, r, req);
                        return;
                    }
                    if (!HttpUtil.isKeepAlive(r)) {
                        keepAlive = false;
                    }
                    if (responding) {
                        waiting.add(req);
                    } else {
                        dispatch(req);
                    }
                }
            }
        } catch (Exception e) {
            ctx.close();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static boolean isWebSocketUpgrade(HttpRequest r) {
        return r.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Runnable r = onWritable;
        if (r != null && ctx.channel().isWritable()) {
            onWritable = null;
            r.run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void dispatch(FakeRequest req) {
        responding = true;
        upstream.currentBehavior().handle(req, new StreamResponder(), upstream);
    }

    private void finished() {
        served++;
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        if (!h2 && (!keepAlive || (upstream.closeAfterRequests() > 0 && served >= upstream.closeAfterRequests()))) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        responding = false;
        FakeRequest next = waiting.poll();
        if (next != null) {
            dispatch(next);
        }
    }

    private HttpResponse withConnectionHeaders(HttpResponse res) {
        res.headers().set("x-upstream", upstream.name());
        if (!h2) {
            boolean last = !keepAlive || (upstream.closeAfterRequests() > 0 && served + 1 >= upstream.closeAfterRequests());
            if (last) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        return res;
    }

    /** Answers one request; each call hops to the channel's loop. */
    private final class StreamResponder implements Responder {

        private Channel ch() {
            return java.util.Objects.requireNonNull(channel);
        }

        @Override
        public EventLoop eventLoop() {
            return ch().eventLoop();
        }

        private void run(Runnable r) {
            if (eventLoop().inEventLoop()) {
                r.run();
            } else {
                eventLoop().execute(r);
            }
        }

        @Override
        public void respond(int status, HttpHeaders headers, byte[] body) {
            run(() -> {
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                        Unpooled.wrappedBuffer(body));
                res.headers().add(headers);
                HttpUtil.setContentLength(res, body.length);
                ch().writeAndFlush(withConnectionHeaders(res));
                finished();
            });
        }

        @Override
        public void head(int status, HttpHeaders headers) {
            run(() -> {
                HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
                res.headers().add(headers);
                if (!HttpUtil.isContentLengthSet(res)) {
                    HttpUtil.setTransferEncodingChunked(res, true);
                }
                ch().writeAndFlush(withConnectionHeaders(res));
            });
        }

        @Override
        public void chunk(byte[] data) {
            run(() -> ch().writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(data))));
        }

        @Override
        public void end(HttpHeaders trailers) {
            run(() -> {
                LastHttpContent last = new DefaultLastHttpContent();
                last.trailingHeaders().add(trailers);
                ch().writeAndFlush(last);
                finished();
            });
        }

        @Override
        public void stream(long length) {
            run(() -> pump(length));
        }

        private void pump(long remaining) {
            Channel c = ch();
            long left = remaining;
            while (left > 0 && c.isActive()) {
                int n = (int) Math.min(64 * 1024, left);
                ByteBuf buf = c.alloc().buffer(n);
                buf.writerIndex(n);
                buf.setBytes(0, FILL, 0, n);
                left -= n;
                c.write(new DefaultHttpContent(buf));
                if (!c.isWritable()) {
                    c.flush();
                    long rest = left;
                    onWritable = () -> pump(rest);
                    if (c.isWritable()) { // became writable while registering
                        onWritable = null;
                        continue;
                    }
                    return;
                }
            }
            if (c.isActive()) {
                c.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                finished();
            }
        }

        @Override
        public void abort() {
            run(() -> ch().close());
        }
    }

    private static final byte[] FILL = filled();

    private static byte[] filled() {
        byte[] b = new byte[64 * 1024];
        java.util.Arrays.fill(b, (byte) 'x');
        return b;
    }
}
