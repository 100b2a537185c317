package io.meshgate.proxy.http;

import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.pool.StreamListener;
import io.meshgate.proxy.upstream.pool.UpstreamStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One mirrored copy of a request. The copy's Host gets Envoy's {@code -shadow} suffix so the
 * mirror can tell copies from real traffic. Its answer is read and thrown away. It is dropped
 * (connection closed) when it cannot keep up with the body (while connecting, more than
 * {@link #MAX_PENDING} bytes wait; once connected, the connection stops being writable), or when
 * it takes longer than {@link #MAX_LIFETIME_SECONDS}.
 */
final class MirrorCall implements StreamListener, BodyTarget {

    static final int MAX_PENDING = 256 * 1024;
    static final long MAX_LIFETIME_SECONDS = 30;

    private final ProxyExchange px;
    private final Cluster cluster;
    private final EventLoop loop;
    private final HttpRequest head;
    private final ArrayDeque<Object> pending = new ArrayDeque<>(4);
    private long pendingBytes;
    private @Nullable UpstreamStream stream;
    private @Nullable ScheduledFuture<?> deadline;
    private boolean holdsRequest;
    private boolean requestEnded;
    private boolean dropped;
    private boolean done;

    MirrorCall(ProxyExchange px, Cluster cluster) {
        this.px = px;
        this.cluster = cluster;
        this.loop = px.x.eventLoop();
        HttpHeaders headers = new DefaultHttpHeaders().set(px.requestHead().headers());
        headers.set(HttpHeaderNames.HOST, shadow(px.x.authority()));
        this.head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, px.x.method(), px.x.path(), headers);
    }

    private static String shadow(String authority) {
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > 0 && authority.indexOf(']') < colon;
        return hasPort ? authority.substring(0, colon) + "-shadow" + authority.substring(colon) : authority + "-shadow";
    }

    /** Starts the copy; false when the mirror cluster has no endpoint or refuses the request. */
    boolean start() {
        Endpoint ep = cluster.pick(new PickContext(px.x, 0, Set.of()));
        if (ep == null || !cluster.tryAcquireRequest()) {
            return false;
        }
        holdsRequest = true;
        deadline = loop.schedule(this::drop, MAX_LIFETIME_SECONDS, TimeUnit.SECONDS);
        Future<UpstreamStream> f = px.handler.services().pools().acquire(loop, cluster, ep);
        if (f.isDone()) {
            onAcquired(f);
        } else {
            f.addListener(x -> onAcquired(f));
        }
        return !dropped;
    }

    boolean dropped() {
        return dropped || done;
    }

    private void onAcquired(Future<UpstreamStream> f) {
        if (dropped || done) {
            if (f.isSuccess()) {
                f.getNow().close();
            }
            return;
        }
        if (!f.isSuccess()) {
            drop();
            return;
        }
        UpstreamStream s = f.getNow();
        stream = s;
        s.listener(this);
        s.channel().write(head);
        Object m;
        while ((m = pending.poll()) != null) {
            s.channel().write(m);
        }
        pendingBytes = 0;
        s.channel().flush();
    }

    @Override
    public void writeChunk(ByteBuf chunk) {
        if (dropped || done) {
            chunk.release();
            return;
        }
        UpstreamStream s = stream;
        if (s == null) {
            pendingBytes += chunk.readableBytes();
            pending.add(new DefaultHttpContent(chunk));
            if (pendingBytes > MAX_PENDING) {
                drop();
            }
            return;
        }
        if (!s.channel().isWritable()) {
            chunk.release();
            drop(); // the mirror is slow: never hold the main request back for it
            return;
        }
        s.channel().writeAndFlush(new DefaultHttpContent(chunk));
    }

    @Override
    public void writeEnd(HttpHeaders trailers) {
        if (dropped || done) {
            return;
        }
        requestEnded = true;
        LastHttpContent last = ResponseSide.last(trailers);
        UpstreamStream s = stream;
        if (s == null) {
            pending.add(last);
        } else {
            s.channel().writeAndFlush(last);
        }
    }

    void mainEnded() {
        if (!requestEnded) {
            drop();
        }
    }

    @Override
    public void onRead(HttpObject msg) {
        boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (last && !done) {
            UpstreamStream s = stream;
            stream = null;
            if (s != null) {
                if (requestEnded) {
                    s.release();
                } else {
                    s.close();
                }
            }
            end();
        }
    }

    @Override
    public void onReadComplete() {
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
    }

    @Override
    public void onClosed() {
        stream = null;
        drop();
    }

    private void drop() {
        if (done) {
            return;
        }
        dropped = true;
        UpstreamStream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
        end();
    }

    private void end() {
        if (done) {
            return;
        }
        done = true;
        Object m;
        while ((m = pending.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (holdsRequest) {
            holdsRequest = false;
            cluster.releaseRequest();
        }
    }
}
