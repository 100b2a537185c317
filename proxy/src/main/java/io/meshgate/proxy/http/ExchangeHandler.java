package io.meshgate.proxy.http;

import io.meshgate.proxy.snapshot.ListenerPort;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a downstream HTTP/1.x connection, or of one HTTP/2 stream channel: turns
 * decoded HTTP objects into {@link ProxyExchange}s. On HTTP/1.1 it keeps requests in order:
 * pipelined requests wait (with reads paused) until the exchange before them has answered.
 *
 * <p>Pipeline placement: {@code ... -> HttpServerCodec -> Http1RequestValidator -> this}, or
 * {@code Http2StreamFrameToHttpObjectCodec -> this} on an HTTP/2 stream. Answers 400/414/431/505 by
 * itself when the decoder rejected a request head.
 */
public final class ExchangeHandler extends ChannelInboundHandlerAdapter {

    private final Supplier<ListenerPort> port;
    private final EngineServices services;
    private final boolean http2;
    private final ConnectionEvents events;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ProxyExchange current;
    private @Nullable ArrayDeque<Object> queued;
    private boolean readsPausedByExchange;
    private boolean closing;
    private boolean draining;
    private boolean inRead;
    private @Nullable Channel owedFlush;
    private String scheme = "http";
    private String peerIp = "";
    private @Nullable SSLSession tlsSession;

    /**
     * @param port the port's config as of now (read once per request, at routing)
     * @param services shared engine services
     * @param http2 whether this handler serves one HTTP/2 stream
     * @param events timeout bookkeeping of an HTTP/1.x connection
     */
    public ExchangeHandler(Supplier<ListenerPort> port, EngineServices services, boolean http2, ConnectionEvents events) {
        this.port = port;
        this.services = services;
        this.http2 = http2;
        this.events = events;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        Channel connection = http2 && ctx.channel().parent() != null ? ctx.channel().parent() : ctx.channel();
        if (connection.remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
            peerIp = a.getAddress().getHostAddress(); // formatted once per connection, not per request
        }
        SslHandler ssl = connection.pipeline().get(SslHandler.class);
        if (ssl != null) {
            scheme = "https";
            tlsSession = ssl.engine().getSession();
        }
    }

    ChannelHandlerContext ctx() {
        return java.util.Objects.requireNonNull(ctx);
    }

    EngineServices services() {
        return services;
    }

    boolean http2() {
        return http2;
    }

    String scheme() {
        return scheme;
    }

    /** The TCP peer's IP as text. */
    String peerIp() {
        return peerIp;
    }

    /**
     * Flushes {@code upstream} now, or, inside a read of an HTTP/1.x client, when that read
     * completes: the request head then leaves in one write with the body bytes read along with it.
     * Not on HTTP/2: a stream's read-complete may wait for the connection's next one, which a client
     * waiting for its answer never sends.
     */
    void flushNowOrAfterRead(Channel upstream) {
        if (!inRead || http2) {
            upstream.flush();
            return;
        }
        Channel owed = owedFlush;
        if (owed != null && owed != upstream) {
            owed.flush();
        }
        owedFlush = upstream;
    }

    @Nullable SSLSession tlsSession() {
        return tlsSession;
    }

    ListenerPort port() {
        return port.get();
    }

    /** When the current request's first byte arrived, or {@code headReceivedNanos} when not tracked. */
    long requestStartedNanos(long headReceivedNanos) {
        return events.requestStartedNanos(headReceivedNanos);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if ((queued != null && !queued.isEmpty()) || (msg instanceof HttpRequest && current != null)) {
            if (queued == null) {
                queued = new ArrayDeque<>(4);
            }
            queued.add(msg);
            updateAutoRead();
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest req) {
            DecoderResult result = req.decoderResult();
            if (result.isFailure()) {
                ReferenceCountUtil.release(msg);
                rejectUndecodable(result.cause());
                return;
            }
            events.requestHeadReceived();
            ProxyExchange x = new ProxyExchange(this, req);
            current = x;
            x.start();
            if (msg instanceof HttpContent c && current == x) {
                x.onContent(c);
            } else if (msg instanceof HttpContent c) {
                c.release();
            }
            return;
        }
        if (msg instanceof HttpContent c) {
            ProxyExchange x = current;
            if (c.decoderResult().isFailure()) {
                c.release();
                if (x != null) {
                    x.onMalformedBody();
                } else {
                    closeNow();
                }
                return;
            }
            if (x != null) {
                x.onContent(c);
            } else {
                c.release(); // the rest of a body whose exchange already ended
            }
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void rejectUndecodable(Throwable cause) {
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "request line too long";
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            status = 431;
            message = "request header fields too large";
        } else if (cause instanceof UnsupportedHttpVersionException) {
            status = 505;
            message = "HTTP version not supported";
        } else {
            status = 400;
            message = "bad request";
        }
        ProxyExchange.rejectBeforeExchange(this, status, message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        Channel owed = owedFlush;
        if (owed != null) {
            owedFlush = null;
            owed.flush();
        }
        ProxyExchange x = current;
        if (x != null) {
            x.flushUpstream();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ProxyExchange x = current;
        if (x != null) {
            x.onClientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        inRead = false;
        owedFlush = null;
        ProxyExchange x = current;
        current = null;
        if (x != null) {
            x.onClientClosed();
        }
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (http2 && (cause instanceof Http2FrameStreamException || cause instanceof Http2Exception)) {
            // the codec resets the stream with the right error code (e.g. PROTOCOL_ERROR for a
            // content-length mismatch) and then closes this channel; closing first would send CANCEL
            return;
        }
        ctx.close();
    }

    /** The exchange paused (true) or resumed (false) reading from the client (body backpressure). */
    void pauseReads(boolean pause) {
        if (readsPausedByExchange != pause) {
            readsPausedByExchange = pause;
            updateAutoRead();
        }
    }

    private void updateAutoRead() {
        boolean read = !readsPausedByExchange && (queued == null || queued.isEmpty());
        ChannelHandlerContext c = ctx();
        Channels.autoRead(c.channel(), read);
    }

    /**
     * The exchange wrote its whole response. {@code close}: the connection cannot carry another
     * request (not keep-alive, or the request body was not read to its end).
     */
    void exchangeDone(ProxyExchange x, boolean close) {
        if (current != x) {
            return;
        }
        current = null;
        readsPausedByExchange = false;
        if (http2) {
            return; // the stream channel closes once both sides ended
        }
        if (close) {
            closeAfterFlush();
            return;
        }
        if (draining) {
            return;
        }
        draining = true;
        try {
            ArrayDeque<Object> q = queued;
            while (q != null && !q.isEmpty() && !closing) {
                if (q.peek() instanceof HttpRequest && current != null) {
                    break;
                }
                dispatch(q.poll());
            }
        } finally {
            draining = false;
        }
        if (current == null && !closing) {
            events.idle();
        }
        if (!closing) {
            updateAutoRead();
        }
    }

    void closeAfterFlush() {
        closing = true;
        releaseQueued();
        ctx().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    void closeNow() {
        closing = true;
        releaseQueued();
        ctx().close();
    }

    private void releaseQueued() {
        if (queued != null) {
            Object m;
            while ((m = queued.poll()) != null) {
                ReferenceCountUtil.release(m);
            }
        }
    }
}
