package io.meshgate.proxy.listener;

import io.meshgate.proxy.http.ConnectionEvents;
import io.meshgate.proxy.http.EngineServices;
import io.meshgate.proxy.http.ExchangeHandler;
import io.meshgate.proxy.http.PipelineNames;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.ListenerPort;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Mapping;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Builds a downstream connection's pipeline in named steps (Zuul's habit):
 * <pre>
 *  TLS port:       tls (SNI -> SslHandler) -> alpn --h2------> h2 handlers
 *                                               \--http/1.1-> http1 handlers
 *  cleartext port: detect --preface--> h2 handlers  (prior knowledge)
 *                        \--other----> http1 handlers
 *  http1:  http1-timeouts -> http1-decoder -> http1-encoder -> exchange
 *  h2:     h2-idle -> h2-codec (with the stream-state guard) -> h2-mux -> h2-idle-close -> h2-errors;
 *          per stream: h2-http -> exchange
 * </pre>
 * The port's config is read once at accept for connection-level settings (TLS, limits); requests
 * read the port's current config when they are routed.
 */
public final class ListenerInitializer extends ChannelInitializer<Channel> {

    private final BoundPort port;
    private final EngineServices services;

    /** An initializer for connections accepted on {@code port}. */
    public ListenerInitializer(BoundPort port, EngineServices services) {
        this.port = Objects.requireNonNull(port, "port");
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!port.admit(ch)) {
            ch.close();
            return;
        }
        ListenerPort config = port.config();
        if (config.isTls()) {
            addTlsHandlers(ch.pipeline(), config);
        } else {
            ch.pipeline().addLast(PipelineNames.DETECT, new CleartextProtocolDetector(this, config));
        }
    }

    /** TLS with the certificate chosen by SNI, then ALPN picks HTTP/2 or HTTP/1.1. */
    void addTlsHandlers(ChannelPipeline p, ListenerPort config) {
        Mapping<String, SslContext> certificates = Objects.requireNonNull(config.tls());
        p.addLast(PipelineNames.TLS, new SniHandler(certificates));
        p.addLast(PipelineNames.ALPN, new AlpnHandler(this, config));
    }

    /** HTTP/1.x: timeouts, strict decoder, encoder, exchange handler. */
    void addHttp1Handlers(ChannelPipeline p, ListenerPort config) {
        ListenerLimits limits = config.limits();
        Http1ConnectionTimeouts timeouts = new Http1ConnectionTimeouts(limits.headerReadTimeout(), limits.idleTimeout(),
                limits.requestReceivedTimeout());
        p.addLast(PipelineNames.HTTP1_TIMEOUTS, timeouts);
        p.addLast(PipelineNames.HTTP1_DECODER, new Http1RequestDecoder(limits));
        p.addLast(PipelineNames.HTTP1_ENCODER, new HttpResponseEncoder());
        p.addLast(PipelineNames.EXCHANGE, new ExchangeHandler(port::config, services, false, timeouts));
    }

    /** HTTP/2: frame codec and multiplexer; each stream gets an HTTP-object codec and an exchange handler. */
    void addH2Handlers(ChannelPipeline p, ListenerPort config) {
        ListenerLimits limits = config.limits();
        long idle = limits.idleTimeout().toMillis();
        if (idle > 0) {
            p.addLast("h2-idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        }
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(limits.maxConcurrentStreams())
                .maxHeaderListSize(limits.maxHeaderSize());
        p.addLast("h2-codec", new Http2ServerCodecBuilder()
                .initialSettings(settings)
                .validateHeaders(true)
                .validateRequiredPseudoHeaders(true) // RFC 9113 §8.3.1: no :method/:scheme/:path is a stream error
                .build());
        p.addLast("h2-mux", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(true, true));
                ch.pipeline().addLast(PipelineNames.EXCHANGE,
                        new ExchangeHandler(port::config, services, true, ConnectionEvents.NONE));
            }
        }));
        p.addLast("h2-idle-close", new Http2ConnectionIdleHandler());
        p.addLast("h2-errors", new Http2ConnectionErrors());
    }
}
