package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 stream to an upstream, seen as HTTP objects ({@code Http2StreamFrameToHttpObjectCodec}
 * sits before this handler in the stream's pipeline). The stream closes itself when both sides ended.
 */
final class Http2StreamHandle extends ChannelInboundHandlerAdapter implements UpstreamStream {

    private final Endpoint endpoint;
    private final boolean reused;
    private @Nullable Channel channel;
    private @Nullable StreamListener listener;

    Http2StreamHandle(Endpoint endpoint, boolean reused) {
        this.endpoint = endpoint;
        this.reused = reused;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public Channel channel() {
        return java.util.Objects.requireNonNull(channel, "channel");
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean reused() {
        return reused;
    }

    @Override
    public void listener(@Nullable StreamListener listener) {
        this.listener = listener;
    }

    @Override
    public void release() {
        listener = null;
        // the stream is closed by the codec once both sides sent END_STREAM; closing here
        // only resets a stream the peer has not finished, which release() never sees
    }

    @Override
    public void close() {
        listener = null;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public Channel takeOver() {
        throw new UnsupportedOperationException("protocol switch on an HTTP/2 stream");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        StreamListener l = listener;
        if (l != null && msg instanceof HttpObject o) {
            l.onRead(o);
        } else {
            ReferenceCountUtil.release(msg);
        }
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
        ctx.close();
    }
}
