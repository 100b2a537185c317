package io.meshgate.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Builds a {@link FakeUpstream} connection's pipeline: TLS/ALPN or h2c detection, then HTTP/1.1 or HTTP/2. */
final class FakeServerInitializer {

    private FakeServerInitializer() {
    }

    static void init(Channel ch, FakeUpstream upstream, @Nullable SslContext ssl, boolean h2, int connectionId) {
        ChannelPipeline p = ch.pipeline();
        Duration idle = upstream.closeIdleAfter();
        if (idle != null) {
            p.addLast(new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS));
            p.addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof IdleStateEvent) {
                        ctx.close();
                    } else {
                        ctx.fireUserEventTriggered(evt);
                    }
                }
            });
        }
        if (ssl != null) {
            p.addLast(ssl.newHandler(ch.alloc()));
            p.addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        addH2(ctx.pipeline(), upstream, connectionId);
                    } else {
                        addH1(ctx.pipeline(), upstream, connectionId);
                    }
                }
            });
        } else if (h2) {
            p.addLast(new PrefaceDetector(upstream, connectionId));
        } else {
            addH1(p, upstream, connectionId);
        }
    }

    static void addH1(ChannelPipeline p, FakeUpstream upstream, int connectionId) {
        p.addLast(new HttpServerCodec());
        p.addLast(new FakeHttpHandler(upstream, connectionId, false));
    }

    static void addH2(ChannelPipeline p, FakeUpstream upstream, int connectionId) {
        p.addLast(Http2FrameCodecBuilder.forServer().build());
        p.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                ch.pipeline().addLast(new FakeHttpHandler(upstream, connectionId, true));
            }
        }));
    }

    /** Chooses HTTP/2 when the connection starts with the HTTP/2 preface, HTTP/1.1 otherwise. */
    private static final class PrefaceDetector extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();
        private final FakeUpstream upstream;
        private final int connectionId;

        PrefaceDetector(FakeUpstream upstream, int connectionId) {
            this.upstream = upstream;
            this.connectionId = connectionId;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
            boolean prefix = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, 0, n);
            if (prefix && n < PREFACE.readableBytes()) {
                return; // need more bytes to decide
            }
            if (prefix) {
                addH2(ctx.pipeline(), upstream, connectionId);
            } else {
                addH1(ctx.pipeline(), upstream, connectionId);
            }
            ctx.pipeline().remove(this);
        }
    }
}
