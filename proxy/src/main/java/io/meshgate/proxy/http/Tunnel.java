package io.meshgate.proxy.http;

import io.meshgate.proxy.upstream.pool.UpstreamStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * After {@code 101 Switching Protocols} (a WebSocket handshake), both connections stop speaking
 * HTTP: the HTTP handlers leave both pipelines and raw bytes flow both ways, with backpressure
 * (a side stops reading while the other cannot write). The tunnel closes both when one closes or
 * when no byte moved for the listener's idle timeout.
 */
final class Tunnel {

    private Tunnel() {
    }

    static void open(ProxyExchange px, HttpResponse switching, UpstreamStream stream) {
        ChannelHandlerContext ctx = px.handler.ctx();
        Channel down = ctx.channel();
        Channel up = stream.channel();
        RelayHandler toClient = new RelayHandler(down);
        RelayHandler toUpstream = new RelayHandler(up);
        up.pipeline().addLast("tunnel", toClient);
        stream.takeOver();
        px.telemetry.status = 101;
        px.telemetry.upstreamHead();
        ctx.write(switching);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        ChannelPipeline p = down.pipeline();
        long idle = px.limits.idleTimeout().toMillis();
        if (idle > 0) {
            p.addLast("tunnel-idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        }
        p.addLast("tunnel", toUpstream);
        px.response.done = true;
        px.requestComplete = true;
        px.finish();
        for (String name : new String[] {PipelineNames.EXCHANGE, PipelineNames.HTTP1_TIMEOUTS,
            PipelineNames.HTTP1_ENCODER, PipelineNames.HTTP1_DECODER}) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        up.config().setAutoRead(true);
        down.config().setAutoRead(true);
    }

    /** Copies bytes read on its channel to {@code peer}. */
    private static final class RelayHandler extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        RelayHandler(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg); // e.g. the empty last chunk that ended the 101 response
                return;
            }
            peer.write(msg);
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // this side drained: the peer may read again
            peer.config().setAutoRead(ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
