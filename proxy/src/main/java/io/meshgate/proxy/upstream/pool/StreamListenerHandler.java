package io.meshgate.proxy.upstream.pool;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upstream stream's pipeline, as far as the exchange using the stream sees
 * it: reads, read ends, writability and the close go to the current {@link StreamListener}, if any.
 * A failure closes the channel; the listener hears of it as a close.
 */
abstract class StreamListenerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamListenerHandler.class);

    private @Nullable StreamListener listener;

    /** Sets (or, with null, drops) the listener. */
    public void listener(@Nullable StreamListener listener) {
        this.listener = listener;
    }

    /** Hands {@code msg} to the listener; false (and {@code msg} untouched) when none or not an HTTP object. */
    final boolean forward(Object msg) {
        StreamListener l = listener;
        if (l != null && msg instanceof HttpObject o) {
            l.onRead(o);
            return true;
        }
        return false;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        StreamListener l = listener;
        if (l != null) {
            l.onReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        StreamListener l = listener;
        if (l != null) {
            l.onWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        StreamListener l = listener;
        listener = null;
        if (l != null) {
            l.onClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The exchange only sees a close (502 "upstream reset"); the cause is worth a line for the operator,
        // except a write to a connection the backend already closed, which the close itself reports.
        if (!(cause instanceof ClosedChannelException)) {
            LOG.warn("upstream connection {} failed, closing it: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
