package io.meshgate.proxy.listener;

import io.meshgate.proxy.snapshot.ListenerPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * On a cleartext port, chooses HTTP/2 when the connection opens with the HTTP/2 client preface
 * (prior knowledge, RFC 9113 §3.3) and HTTP/1.1 otherwise, then removes itself. Decides on the
 * first bytes that differ from the preface, so HTTP/1.1 requests are not delayed.
 */
final class CleartextProtocolDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final ListenerInitializer initializer;
    private final ListenerPort config;

    CleartextProtocolDetector(ListenerInitializer initializer, ListenerPort config) {
        this.initializer = initializer;
        this.config = config;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefix = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, 0, n);
        if (prefix && n < PREFACE.readableBytes()) {
            return;
        }
        if (prefix) {
            initializer.addH2Handlers(ctx.pipeline(), config);
        } else {
            initializer.addHttp1Handlers(ctx.pipeline(), config);
        }
        ctx.pipeline().remove(this); // hands the buffered bytes to the handlers just added
    }
}
