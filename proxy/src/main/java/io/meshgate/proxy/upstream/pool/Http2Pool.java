package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One multiplexed HTTP/2 connection (h2c prior knowledge or TLS with ALPN h2) of one event loop
 * to one endpoint. (Netty's stream-buffering encoder, which would queue streams beyond the peer's
 * SETTINGS_MAX_CONCURRENT_STREAMS, stalls large request bodies on a fresh connection, so it is not
 * used: a stream the peer refuses fails like a reset and an idempotent request is replayed.)
 * After a GOAWAY the connection drains and the next acquire opens a new one.
 */
final class Http2Pool implements EndpointPool {

    private final EventLoop loop;
    private final Cluster cluster;
    private final Endpoint endpoint;
    private final Connector connector;
    private final ArrayDeque<Promise<UpstreamStream>> waiting = new ArrayDeque<>();
    private @Nullable Channel connection;
    private boolean connecting;
    private boolean usedBefore;
    private boolean closed;

    Http2Pool(EventLoop loop, Cluster cluster, Endpoint endpoint, Connector connector) {
        this.loop = loop;
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.connector = connector;
    }

    @Override
    public Future<UpstreamStream> acquire() {
        Promise<UpstreamStream> promise = loop.newPromise();
        Channel c = connection;
        if (c != null && c.isActive()) {
            open(c, promise);
            return promise;
        }
        waiting.add(promise);
        if (!connecting) {
            connect();
        }
        return promise;
    }

    private void connect() {
        if (!cluster.tryAcquireConnection()) {
            failWaiting(new ConnectionLimitException(cluster.name()));
            return;
        }
        connecting = true;
        usedBefore = false;
        long idleMillis = Math.max(1, cluster.settings().idleTimeout().toMillis());
        connector.connect(loop, cluster, endpoint, ch -> {
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
            ch.pipeline().addLast("h2", Http2FrameCodecBuilder.forClient()
                    .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                    .validateHeaders(false)
                    .build());
            ch.pipeline().addLast("h2-mux", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
            ch.pipeline().addLast("h2-conn", new ConnectionWatcher());
        }).addListener(f -> {
            connecting = false;
            if (!f.isSuccess()) {
                failWaiting(f.cause());
                return;
            }
            Channel ch = (Channel) f.getNow();
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl != null && !ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
                ch.close();
                failWaiting(new IllegalStateException("upstream " + endpoint.authority() + " did not negotiate h2"));
                return;
            }
            if (closed) {
                ch.close();
                failWaiting(new IllegalStateException("pool closed"));
                return;
            }
            connection = ch;
            Promise<UpstreamStream> p;
            while ((p = waiting.poll()) != null) {
                open(ch, p);
            }
        });
    }

    private void open(Channel parent, Promise<UpstreamStream> promise) {
        Http2StreamHandle handle = new Http2StreamHandle(endpoint, usedBefore);
        usedBefore = true;
        new Http2StreamChannelBootstrap(parent)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel ch) {
                        ch.pipeline().addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(false, false));
                        ch.pipeline().addLast("stream", handle);
                    }
                })
                .open()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        promise.trySuccess(handle);
                    } else {
                        promise.tryFailure(f.cause());
                    }
                });
    }

    private void failWaiting(Throwable cause) {
        Promise<UpstreamStream> p;
        while ((p = waiting.poll()) != null) {
            p.tryFailure(cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        Channel c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    /** Watches the connection: GOAWAY and close make the pool open a new one; idle closes it. */
    private final class ConnectionWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame && connection == ctx.channel()) {
                connection = null; // drain: in-flight streams finish, new ones go elsewhere
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection == ctx.channel()) {
                connection = null;
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                Http2MultiplexHandler mux = ctx.pipeline().get(Http2MultiplexHandler.class);
                io.netty.handler.codec.http2.Http2FrameCodec codec =
                        ctx.pipeline().get(io.netty.handler.codec.http2.Http2FrameCodec.class);
                if (mux != null && codec != null && codec.connection().numActiveStreams() == 0) {
                    if (connection == ctx.channel()) {
                        connection = null;
                    }
                    ctx.close();
                }
            }
            ReferenceCountUtil.release(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
