package io.meshgate.proxy.http;

import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.pool.ConnectionLimitException;
import io.meshgate.proxy.upstream.pool.StreamListener;
import io.meshgate.proxy.upstream.pool.UpstreamStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The upstream side of one exchange: circuit-breaker admission, endpoint pick, one try after
 * another under the route's {@link RetryPolicy} (triggers, per-try timeout, exponential backoff
 * with full jitter, the cluster's retry budget), and the one free replay of an idempotent request
 * whose pooled connection turned out to be closed by the backend while idle.
 *
 * <p>Retries need the request body: only idempotent requests, or requests whose body is complete,
 * and only while the whole body is still held ({@link RequestBody#replayable()}). Nothing is
 * retried once the response head went to the client.
 */
final class UpstreamCall implements StreamListener, BodyTarget {

    private final ProxyExchange px;
    private final Cluster cluster;
    private final RequestBody body;
    private final RetryPolicy retry;
    private final long tryTimeoutNanos;
    private final EventLoop loop;
    private int tries;
    private int retriesUsed;
    private boolean staleReplayUsed;
    private boolean holdsRequest;
    private boolean holdsRetry;
    private boolean holdsPending;
    private @Nullable Set<Endpoint> tried;
    private @Nullable UpstreamStream stream;
    private @Nullable Endpoint endpoint;
    private boolean streamReused;
    private long tryStartNanos;
    private @Nullable ScheduledFuture<?> tryTimer;
    private @Nullable ScheduledFuture<?> backoffTimer;
    private boolean responseStarted;
    private boolean tryOpen;
    private boolean skipInformational;
    private boolean requestWritten;
    private boolean ended;

    UpstreamCall(ProxyExchange px, Cluster cluster, RequestBody body) {
        this.px = px;
        this.cluster = cluster;
        this.body = body;
        Route route = java.util.Objects.requireNonNull(px.route);
        this.retry = route.retry();
        long perTry = retry.perTryTimeout().toNanos();
        long backend = route.timeouts().backendRequest().toNanos();
        this.tryTimeoutNanos = perTry > 0 && backend > 0 ? Math.min(perTry, backend) : Math.max(perTry, backend);
        this.loop = px.x.eventLoop();
    }

    void start() {
        if (!cluster.tryAcquireRequest()) {
            end();
            px.response.localReply(LocalReplies.error(503, "circuit open"), LocalReplies.CIRCUIT_OPEN);
            return;
        }
        holdsRequest = true;
        nextTry();
    }

    private void nextTry() {
        backoffTimer = null;
        if (ended) {
            return;
        }
        Set<Endpoint> avoid = tried == null ? Set.of() : tried;
        Endpoint ep = cluster.pick(new PickContext(px.x, tries, avoid));
        if (ep == null) {
            end();
            px.response.localReply(LocalReplies.error(503, "no healthy upstream"), LocalReplies.NO_HEALTHY_UPSTREAM);
            return;
        }
        endpoint = ep;
        tries++;
        responseStarted = false;
        requestWritten = false;
        streamReused = false;
        px.tryStarted(ep, cluster.name());
        cluster.onTryStart(ep);
        tryOpen = true;
        tryStartNanos = System.nanoTime();
        if (tryTimeoutNanos > 0) {
            tryTimer = loop.schedule(this::onTryTimeout, tryTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        Future<UpstreamStream> f = px.handler.services().pools().acquire(loop, cluster, ep);
        if (f.isDone()) {
            onAcquired(f);
            return;
        }
        if (!cluster.tryAcquirePending()) {
            f.addListener(done -> onAcquired(f)); // hands the connection back to the pool when it comes
            refuse("too many pending requests");
            return;
        }
        holdsPending = true;
        f.addListener(done -> onAcquired(f));
    }

    /** The circuit breaker refused a connection or a wait for one: 503 without retrying. */
    private void refuse(String reason) {
        cancelTryTimer();
        endTry(java.util.Objects.requireNonNull(endpoint), Outcome.CONNECT_FAILURE, 0);
        end();
        px.response.localReply(LocalReplies.error(503, reason), LocalReplies.CIRCUIT_OPEN);
    }

    private void onAcquired(Future<UpstreamStream> f) {
        if (holdsPending) {
            holdsPending = false;
            cluster.releasePending();
        }
        if (ended) {
            if (f.isSuccess()) {
                f.getNow().release(); // never used: back to the pool
            }
            return;
        }
        if (!f.isSuccess()) {
            if (f.cause() instanceof ConnectionLimitException) {
                refuse("circuit open");
                return;
            }
            tryFailed(Outcome.CONNECT_FAILURE);
            return;
        }
        UpstreamStream s = f.getNow();
        stream = s;
        streamReused = s.reused();
        s.listener(this);
        Channel ch = s.channel();
        ch.write(px.requestHead(), ch.voidPromise()); // nobody waits on these writes: no promise per write
        body.attach(this);
        px.handler.flushNowOrAfterRead(ch);
        if (!ch.isWritable()) {
            px.pauseClientReads(true);
        } else if (body.pendingBytes() == 0) {
            px.pauseClientReads(false);
        }
    }

    // ---- BodyTarget: request body toward the current try

    @Override
    public void writeChunk(ByteBuf chunk) {
        UpstreamStream s = stream;
        if (s == null) {
            chunk.release();
            return;
        }
        s.channel().write(new DefaultHttpContent(chunk), s.channel().voidPromise());
        if (!s.channel().isWritable()) {
            px.pauseClientReads(true); // before the flush, which may fire "writable" at once
            s.channel().flush();
        }
    }

    @Override
    public void writeEnd(HttpHeaders trailers) {
        UpstreamStream s = stream;
        if (s != null) {
            s.channel().writeAndFlush(ResponseSide.last(trailers), s.channel().voidPromise());
            requestWritten = true;
        }
    }

    void flush() {
        UpstreamStream s = stream;
        if (s != null) {
            s.channel().flush();
        }
    }

    void pauseReads(boolean pause) {
        UpstreamStream s = stream;
        if (s != null) {
            Channels.autoRead(s.channel(), !pause);
        }
    }

    // ---- StreamListener: the upstream's answer

    @Override
    public void onRead(HttpObject msg) {
        if (ended) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            int code = r.status().code();
            if (code < 200) {
                if (code == 101 && px.shape.upgrade()) {
                    onSwitchingProtocols(r);
                    return;
                }
                skipInformational = true; // 1xx: the final answer follows; we sent our own 100 Continue
                ReferenceCountUtil.release(msg);
                return;
            }
            skipInformational = false;
            Outcome outcome = RetryRules.outcomeOf(code);
            if (RetryRules.retriableStatus(retry, code) && mayRetry()) {
                ReferenceCountUtil.release(msg);
                tryFailed(outcome);
                return;
            }
            endTry(java.util.Objects.requireNonNull(endpoint), outcome, System.nanoTime() - tryStartNanos);
            releaseRetryPermit();
            responseStarted = true;
            px.response.onUpstreamHead(r);
            if (msg instanceof LastHttpContent whole) {
                // the whole response in one object (an HTTP/2 HEADERS frame with END_STREAM): its end
                // goes on as content alone, or the client would get the head twice
                handleContent(new DefaultLastHttpContent(whole.content(), whole.trailingHeaders()));
            }
            return;
        }
        if (msg instanceof HttpContent c) {
            if (skipInformational || !responseStarted) {
                if (c instanceof LastHttpContent) {
                    skipInformational = false;
                }
                c.release();
                return;
            }
            handleContent(c);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void handleContent(HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (last) {
            cancelTryTimer();
            UpstreamStream s = stream;
            stream = null;
            body.detach();
            if (s != null && requestWritten) {
                s.release();
            } else if (s != null) {
                s.close(); // answered before our request ended: the connection is mid-message
            }
            end();
        }
        px.response.onUpstreamContent(c);
    }

    private void onSwitchingProtocols(HttpResponse r) {
        cancelTryTimer();
        endTry(java.util.Objects.requireNonNull(endpoint), Outcome.SUCCESS, System.nanoTime() - tryStartNanos);
        UpstreamStream s = java.util.Objects.requireNonNull(stream);
        stream = null;
        body.detach();
        responseStarted = true;
        end();
        Tunnel.open(px, r, s);
    }

    @Override
    public void onReadComplete() {
        px.response.flush();
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        px.pauseClientReads(!writable);
    }

    @Override
    public void onClosed() {
        stream = null;
        if (ended) {
            return;
        }
        if (!responseStarted) {
            tryFailed(Outcome.RESET);
        } else {
            cancelTryTimer();
            end();
            px.abort(LocalReplies.UPSTREAM_RESET);
        }
    }

    private void onTryTimeout() {
        tryTimer = null;
        if (ended) {
            return;
        }
        if (!responseStarted) {
            tryFailed(Outcome.TIMEOUT);
        } else {
            end();
            closeStream();
            px.abort(LocalReplies.UPSTREAM_TIMEOUT);
        }
    }

    // ---- retries

    private void tryFailed(Outcome outcome) {
        cancelTryTimer();
        body.detach();
        boolean wasReused = streamReused;
        closeStream();
        Endpoint ep = java.util.Objects.requireNonNull(endpoint);
        endTry(ep, outcome, System.nanoTime() - tryStartNanos);
        releaseRetryPermit();
        if (outcome == Outcome.RESET && wasReused && !staleReplayUsed && px.idempotent() && body.replayable()) {
            staleReplayUsed = true; // the backend closed an idle pooled connection: not a real failure
            nextTry();
            return;
        }
        if (RetryRules.retriableOutcome(retry, outcome) && mayRetry() && cluster.tryAcquireRetry()) {
            holdsRetry = true;
            retriesUsed++;
            if (tried == null) {
                tried = new HashSet<>(4);
            }
            tried.add(ep);
            long delay = RetryRules.backoffNanos(retry, retriesUsed);
            backoffTimer = loop.schedule(this::nextTry, delay, TimeUnit.NANOSECONDS);
            return;
        }
        end();
        switch (outcome) {
            case TIMEOUT -> px.response.localReply(LocalReplies.error(504, "upstream timeout"), LocalReplies.UPSTREAM_TIMEOUT);
            case CONNECT_FAILURE -> px.response.localReply(LocalReplies.error(502, "upstream connect failure"),
                    LocalReplies.CONNECT_FAILURE);
            default -> px.response.localReply(LocalReplies.error(502, "upstream reset"), LocalReplies.UPSTREAM_RESET);
        }
    }

    private boolean mayRetry() {
        return retriesUsed < retry.numRetries() && body.replayable() && (px.idempotent() || body.complete());
    }

    /**
     * Stops the call (client gone, request timeout, local answer). {@code timedOut} reports the try
     * in flight as a timeout to the cluster.
     */
    void cancel(boolean timedOut) {
        if (ended) {
            return;
        }
        if (endpoint != null) {
            endTry(endpoint, timedOut ? Outcome.TIMEOUT : Outcome.RESET, System.nanoTime() - tryStartNanos);
        }
        end();
        closeStream();
    }

    /**
     * Reports the end of the current try exactly once: every {@code onTryStart} gets one {@code onTryEnd}, also
     * when the exchange is cancelled while the connection is still being acquired, else the endpoint's active
     * request count (least-request balancing, circuit breaking) would drift upwards for good.
     */
    private void endTry(Endpoint ep, Outcome outcome, long latencyNanos) {
        if (tryOpen) {
            tryOpen = false;
            cluster.onTryEnd(ep, outcome, latencyNanos);
        }
    }

    private void closeStream() {
        UpstreamStream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }

    private void cancelTryTimer() {
        if (tryTimer != null) {
            tryTimer.cancel(false);
            tryTimer = null;
        }
    }

    private void releaseRetryPermit() {
        if (holdsRetry) {
            holdsRetry = false;
            cluster.releaseRetry();
        }
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        cancelTryTimer();
        if (backoffTimer != null) {
            backoffTimer.cancel(false);
            backoffTimer = null;
        }
        body.detach();
        releaseRetryPermit();
        if (holdsRequest) {
            holdsRequest = false;
            cluster.releaseRequest();
        }
    }
}
