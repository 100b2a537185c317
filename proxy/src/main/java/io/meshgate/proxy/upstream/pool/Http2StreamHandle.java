package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 stream to an upstream, seen as HTTP objects ({@code Http2StreamFrameToHttpObjectCodec}
 * sits before this handler in the stream's pipeline). The stream closes itself when both sides ended.
 */
final class Http2StreamHandle extends StreamListenerHandler implements UpstreamStream {

    private final Endpoint endpoint;
    private final boolean reused;
    private @Nullable Channel channel;

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
    public void release() {
        listener(null);
        // the stream is closed by the codec once both sides sent END_STREAM; closing here
        // only resets a stream the peer has not finished, which release() never sees
    }

    @Override
    public void close() {
        listener(null);
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
        if (!forward(msg)) {
            ReferenceCountUtil.release(msg);
        }
    }
}
