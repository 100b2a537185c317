package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections of one event loop to one endpoint. Idle connections are reused
 * most-recently-used first (the warmest socket, the least likely to have been closed by the
 * backend's keep-alive timeout); dead ones are dropped on the way.
 */
final class Http1Pool implements EndpointPool {

    /**
     * A response the client could read two ways never leaves the proxy: conflicting Content-Lengths,
     * Content-Length with Transfer-Encoding, and control characters (a bare CR) in a field are decoder
     * failures, which the connection turns into an upstream reset (RFC 9112 section 6.3: a proxy answers 502).
     */
    private static HttpDecoderConfig responseDecoding() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(64 * 1024)
                .setMaxChunkSize(16 * 1024)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true);
    }

    static final String CODEC = "http1-codec";
    static final String IDLE = "idle";

    private final EventLoop loop;
    private final Cluster cluster;
    private final Endpoint endpoint;
    private final Connector connector;
    private final ArrayDeque<Http1Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Http1Pool(EventLoop loop, Cluster cluster, Endpoint endpoint, Connector connector) {
        this.loop = loop;
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.connector = connector;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    int maxRequestsPerConnection() {
        return cluster.settings().maxRequestsPerConnection();
    }

    @Override
    public Future<UpstreamStream> acquire() {
        Http1Connection c;
        while ((c = idle.pollLast()) != null) {
            if (c.isUsable()) {
                c.lease(true);
                return loop.newSucceededFuture(c);
            }
        }
        if (!cluster.tryAcquireConnection()) {
            return loop.newFailedFuture(new ConnectionLimitException(cluster.name()));
        }
        Promise<UpstreamStream> promise = loop.newPromise();
        long idleMillis = Math.max(1, cluster.settings().idleTimeout().toMillis());
        Http1Connection[] created = new Http1Connection[1];
        connector.connect(loop, cluster, endpoint, ch -> {
            created[0] = new Http1Connection(this, ch);
            ch.pipeline().addLast(CODEC, new HttpClientCodec(responseDecoding(), false, false));
            // reader-idle, not all-idle: the same clock for a connection resting in the pool (its last
            // event is the read of a response's end), without a listener on every write
            ch.pipeline().addLast(IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
            ch.pipeline().addLast("pooled", created[0]);
        }).addListener(f -> {
            if (f.isSuccess()) {
                created[0].lease(false);
                promise.setSuccess(created[0]);
            } else {
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    boolean offer(Http1Connection c) {
        if (closed) {
            return false;
        }
        idle.addLast(c);
        return true;
    }

    void remove(Http1Connection c) {
        idle.remove(c);
    }

    @Override
    public void close() {
        closed = true;
        for (Http1Connection c : idle) {
            Channel ch = c.channel();
            ch.close();
        }
        idle.clear();
    }
}
