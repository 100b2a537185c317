package io.meshgate.proxy.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an HTTP/2 connection's pipeline. A protocol error by the client has already been
 * answered by the codec (GOAWAY, then close), and a reset socket is the client's doing: neither is
 * the gateway's fault, so both are logged at debug instead of reaching the pipeline's tail as a
 * warning with a stack trace, which any client could otherwise use to flood the log.
 */
final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Http2ConnectionErrors.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (log.isDebugEnabled()) {
            log.debug("HTTP/2 connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        if (!(cause instanceof Http2Exception)) {
            ctx.close();
        }
    }
}
