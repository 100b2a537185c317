package io.meshgate.proxy.filter.aggregate;

import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.PickContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One GET to one endpoint of a cluster, on the exchange's event loop (a new HTTP/1.1 connection,
 * closed after the answer: aggregation calls are few and short, and the loop never blocks). The
 * cluster is told of the try like for proxied requests (balancer, outlier detection, circuit
 * breaker), and the whole call is bounded by its timeout, connect included.
 */
final class BackendCall extends SimpleChannelInboundHandler<FullHttpResponse> {

    /** What a call produced: a response (status, body) or a failure reason. */
    record Result(int status, byte[] body, @Nullable String failure, boolean timedOut) {
        static Result failed(String reason, boolean timedOut) {
            return new Result(0, new byte[0], reason, timedOut);
        }
    }

    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final Cluster cluster;
    private final Endpoint endpoint;
    private final long startNanos = System.nanoTime();
    private @Nullable ScheduledFuture<?> timer;
    private @Nullable Channel channel;
    private boolean responded;

    private BackendCall(Cluster cluster, Endpoint endpoint) {
        this.cluster = cluster;
        this.endpoint = endpoint;
    }

    /** Starts the call; must run on the exchange's event loop. */
    static CompletableFuture<Result> start(Exchange x, AggregateConfig.Call call, String target, HttpHeaders headers,
                                           int maxBytes) {
        Cluster cluster = call.cluster();
        Endpoint endpoint = cluster.pick(new PickContext(x, 0, Set.of()));
        if (endpoint == null) {
            return CompletableFuture.completedFuture(Result.failed("no healthy endpoint", false));
        }
        if (!cluster.tryAcquireRequest()) {
            return CompletableFuture.completedFuture(Result.failed("circuit breaker open", false));
        }
        BackendCall c = new BackendCall(cluster, endpoint);
        cluster.onTryStart(endpoint);
        EventLoop loop = x.eventLoop();
        long timeoutMillis = Math.max(1, call.timeout().toMillis());
        c.timer = loop.schedule(() -> c.finish(Result.failed("timeout after " + timeoutMillis + "ms", true),
                Outcome.TIMEOUT), timeoutMillis, TimeUnit.MILLISECONDS);
        Bootstrap b = new Bootstrap().group(loop).channel(channelClass(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutMillis,
                        cluster.settings().connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBytes), c);
                    }
                });
        b.connect(endpoint.host(), endpoint.port()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                c.finish(Result.failed("connect failed: " + f.cause().getMessage(), false), Outcome.CONNECT_FAILURE);
                return;
            }
            c.channel = f.channel();
            if (c.result.isDone()) {
                f.channel().close();
                return;
            }
            DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target,
                    Unpooled.EMPTY_BUFFER, headers.copy(), HttpHeaders.EMPTY_HEADERS);
            req.headers().set(HttpHeaderNames.HOST, endpoint.authority());
            req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            req.headers().set(HttpHeaderNames.ACCEPT, "application/json");
            f.channel().writeAndFlush(req);
        });
        return c.result;
    }

    private static Class<? extends SocketChannel> channelClass(EventLoop loop) {
        return loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
        responded = true;
        int status = res.status().code();
        Outcome outcome = status == 502 || status == 503 || status == 504 ? Outcome.GATEWAY_ERROR
                : status >= 500 ? Outcome.SERVER_ERROR : Outcome.SUCCESS;
        finish(new Result(status, ByteBufUtil.getBytes(res.content()), null, false), outcome);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = cause instanceof TooLongFrameException ? "answer too large" : "failed: " + cause.getMessage();
        finish(Result.failed(reason, false), Outcome.RESET);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!responded) {
            finish(Result.failed("connection closed before the answer", false), Outcome.RESET);
        }
    }

    private void finish(Result r, Outcome outcome) {
        if (result.isDone()) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        cluster.onTryEnd(endpoint, outcome, System.nanoTime() - startNanos);
        cluster.releaseRequest();
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        result.complete(r);
    }
}
