package io.meshgate.proxy.listener;

import io.meshgate.proxy.snapshot.ListenerPort;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/** After the TLS handshake, adds HTTP/2 handlers when ALPN chose {@code h2}, HTTP/1.1 handlers otherwise. */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {

    private final ListenerInitializer initializer;
    private final ListenerPort config;

    AlpnHandler(ListenerInitializer initializer, ListenerPort config) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.initializer = initializer;
        this.config = config;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            initializer.addH2Handlers(ctx.pipeline(), config);
        } else {
            initializer.addHttp1Handlers(ctx.pipeline(), config);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a failed handshake is the client's problem; nothing to log per connection
    }
}
