package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One pooled HTTP/1.1 upstream connection; the last handler of its pipeline
 * ({@code [tls] -> codec -> idle -> this}). Forwards responses to the exchange using it, notices
 * {@code Connection: close}, and leaves the pool when the backend closes it while idle.
 */
final class Http1Connection extends StreamListenerHandler implements UpstreamStream {

    private final Http1Pool pool;
    private final Channel channel;
    private boolean reused;
    private boolean keepAlive = true;
    private boolean inUse;
    private int served;

    Http1Connection(Http1Pool pool, Channel channel) {
        this.pool = pool;
        this.channel = channel;
    }

    void lease(boolean reusedConnection) {
        this.reused = reusedConnection;
        this.inUse = true;
        this.keepAlive = true;
    }

    boolean isUsable() {
        return channel.isActive() && !inUse;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Endpoint endpoint() {
        return pool.endpoint();
    }

    @Override
    public boolean reused() {
        return reused;
    }

    @Override
    public void release() {
        listener(null);
        inUse = false;
        served++;
        int max = pool.maxRequestsPerConnection();
        if (channel.isActive() && keepAlive && (max == 0 || served < max) && pool.offer(this)) {
            return;
        }
        channel.close();
    }

    @Override
    public void close() {
        listener(null);
        inUse = false;
        channel.close();
    }

    @Override
    public Channel takeOver() {
        listener(null);
        inUse = false;
        keepAlive = false;
        channel.pipeline().remove(this);
        channel.pipeline().remove(Http1Pool.CODEC);
        channel.pipeline().remove(Http1Pool.IDLE);
        return channel;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            // a malformed response (or body framing): nothing of it is forwarded; the exchange sees a reset
            ReferenceCountUtil.release(msg);
            keepAlive = false;
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse r && r.status().code() >= 200 && !HttpUtil.isKeepAlive(r)) {
            keepAlive = false;
        }
        if (!forward(msg)) {
            // bytes nobody asked for: the connection is out of sync, never reuse it
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.remove(this);
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && !inUse) {
            ctx.close();
        } else {
            ReferenceCountUtil.release(evt);
        }
    }
}
