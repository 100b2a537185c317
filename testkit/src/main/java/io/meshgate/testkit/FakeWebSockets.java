package io.meshgate.testkit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;

/**
 * The WebSocket side of a {@link FakeUpstream}: an HTTP/1.1 upgrade request to any path is
 * accepted, and every text message is answered with {@code echo: <message>}.
 */
final class FakeWebSockets {

    private FakeWebSockets() {
    }

    static void accept(ChannelHandlerContext ctx, HttpRequest head, FakeRequest recorded) {
        String url = "ws://" + head.headers().get("host", "localhost") + head.uri();
        DefaultFullHttpRequest full = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                Unpooled.EMPTY_BUFFER, head.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(url, null, true).newHandshaker(full);
        if (hs == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ctx.pipeline().addLast("ws-echo", new Echo(hs));
        ctx.pipeline().remove(ctx.handler()); // frames go to the echo handler from now on
        hs.handshake(ctx.channel(), full);
    }

    /** Echoes text frames, answers pings, closes on close. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final WebSocketServerHandshaker handshaker;

        Echo(WebSocketServerHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame t) {
                String text = t.text();
                t.release();
                ctx.writeAndFlush(new TextWebSocketFrame("echo: " + text));
            } else if (msg instanceof PingWebSocketFrame p) {
                ctx.writeAndFlush(new PongWebSocketFrame(p.content()));
            } else if (msg instanceof CloseWebSocketFrame c) {
                handshaker.close(ctx.channel(), c);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
