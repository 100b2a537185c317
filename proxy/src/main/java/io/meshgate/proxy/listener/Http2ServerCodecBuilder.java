package io.meshgate.proxy.listener;

import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * Netty's server {@link Http2FrameCodec}, with every decoder decoration the builder applies (RST
 * flood and empty-DATA limits among them), plus {@link Http2StreamStateGuard} in front of them.
 */
final class Http2ServerCodecBuilder extends Http2FrameCodecBuilder {

    Http2ServerCodecBuilder() {
        server(true);
    }

    @Override
    protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                    Http2Settings initialSettings) {
        Integer maxFrameSize = initialSettings.maxFrameSize();
        int limit = maxFrameSize == null ? Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE : maxFrameSize;
        return super.build(new Http2StreamStateGuard(decoder, limit), encoder, initialSettings);
    }
}
