package io.meshgate.proxy.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.BlockingQueue;

/**
 * A bare HTTP/2 client for tests that need frame-level control (headers the JDK client will not
 * send, a body that never ends): one prior-knowledge connection, streams whose answers are told
 * as events {@code status <code>}, {@code end}, {@code reset <error>} and {@code closed}.
 */
final class H2TestStreams {

    private H2TestStreams() {
    }

    /** A cleartext connection to 127.0.0.1:{@code port}; header validation is off so tests can send bad ones. */
    static Channel connect(EventLoopGroup group, int port) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().validateHeaders(false).build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** Opens a stream on {@code connection} whose answer goes to {@code events}. */
    static Http2StreamChannel open(Channel connection, BlockingQueue<String> events) throws InterruptedException {
        return new Http2StreamChannelBootstrap(connection).handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame h && h.headers().status() != null) {
                    events.add("status " + h.headers().status());
                }
                if (msg instanceof Http2HeadersFrame h && h.isEndStream()
                        || msg instanceof Http2DataFrame d && d.isEndStream()) {
                    events.add("end");
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof Http2ResetFrame r) {
                    events.add("reset " + Http2Error.valueOf(r.errorCode()));
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                events.add("closed");
            }
        }).open().sync().getNow();
    }
}
