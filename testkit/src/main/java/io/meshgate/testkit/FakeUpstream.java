package io.meshgate.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on {@code 127.0.0.1:0} that plays a backend in tests: HTTP/1.1 and HTTP/2
 * (cleartext prior knowledge on the same port, or TLS with ALPN h2/http1.1), with programmable
 * behaviour ({@link Behaviors}: echo, fixed status, delay, streams, SSE, large bodies, abort).
 *
 * <pre>{@code
 * try (FakeUpstream up = FakeUpstream.builder().name("a").behavior(Behaviors.echo()).start()) {
 *     // point a cluster at up.port()
 *     assertThat(up.lastRequest().header("x-forwarded-for")).isEqualTo("127.0.0.1");
 * }
 * }</pre>
 *
 * Every request is recorded ({@link #requests()}). Connections can be closed by the upstream
 * after N requests or after an idle period, to exercise stale pooled connections in proxies.
 */
public final class FakeUpstream implements AutoCloseable {

    /** Request bodies are kept up to this many bytes; longer ones are only counted. */
    public static final int MAX_KEPT_BODY = 16 * 1024 * 1024;

    private final String name;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionSeq = new AtomicInteger();
    private final int closeAfterRequests;
    private final @Nullable Duration closeIdleAfter;
    private volatile Behavior behavior;

    /** How the upstream answers a request. Called on the connection's event loop; must not block. */
    @FunctionalInterface
    public interface Behavior {
        /** Answers {@code request} through {@code responder}. */
        void handle(FakeRequest request, Responder responder, FakeUpstream upstream);
    }

    private FakeUpstream(Builder b) throws InterruptedException {
        this.name = b.name;
        this.behavior = b.behavior;
        this.closeAfterRequests = b.closeAfterRequests;
        this.closeIdleAfter = b.closeIdleAfter;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        SslContext ssl = b.tls == null ? null : serverContext(b.tls, b.h2);
        ServerBootstrap sb = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        FakeServerInitializer.init(ch, FakeUpstream.this, ssl, b.h2, connectionSeq.incrementAndGet());
                    }
                });
        this.serverChannel = sb.bind(new InetSocketAddress(Loopback.HOST, 0)).sync().channel();
    }

    /** A builder: echo behaviour, HTTP/1.1 + h2c, no TLS. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts an upstream with {@code behavior} and defaults otherwise. */
    public static FakeUpstream start(Behavior behavior) {
        return builder().behavior(behavior).start();
    }

    /** The name given to the builder (echoed in the {@code upstream} field and {@code x-upstream} header). */
    public String name() {
        return name;
    }

    /** The bound port on 127.0.0.1. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Changes the behaviour for requests from now on. */
    public void behavior(Behavior behavior) {
        this.behavior = Objects.requireNonNull(behavior, "behavior");
    }

    /** Every request received so far, in arrival order. */
    public List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    /** The most recent request, or null. */
    public @Nullable FakeRequest lastRequest() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    /** Number of requests received. */
    public int requestCount() {
        return requests.size();
    }

    /** Number of connections accepted since start. */
    public int connectionsAccepted() {
        return connectionSeq.get();
    }

    /** Number of connections open now. */
    public int openConnections() {
        return connections.size();
    }

    /** Closes every open connection (simulates a backend restart without unbinding). */
    public void closeConnections() {
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    Behavior currentBehavior() {
        return behavior;
    }

    void record(FakeRequest request) {
        requests.add(request);
    }

    int closeAfterRequests() {
        return closeAfterRequests;
    }

    @Nullable Duration closeIdleAfter() {
        return closeIdleAfter;
    }

    private static SslContext serverContext(SelfSignedCertificates.Issued cert, boolean h2) {
        try {
            List<String> protocols = h2 ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                    : List.of(ApplicationProtocolNames.HTTP_1_1);
            return SslContextBuilder.forServer(cert.privateKey(), cert.certificate(), cert.issuer())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link FakeUpstream}. */
    public static final class Builder {
        private String name = "upstream";
        private Behavior behavior = Behaviors.echo();
        private SelfSignedCertificates.@Nullable Issued tls;
        private boolean h2 = true;
        private int closeAfterRequests;
        private @Nullable Duration closeIdleAfter;

        private Builder() {
        }

        /** A name to tell upstreams apart in answers (default {@code upstream}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The behaviour (default {@link Behaviors#echo()}). */
        public Builder behavior(Behavior behavior) {
            this.behavior = Objects.requireNonNull(behavior, "behavior");
            return this;
        }

        /** Serve TLS with this certificate (ALPN h2 and http/1.1); default cleartext. */
        public Builder tls(SelfSignedCertificates.Issued certificate) {
            this.tls = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** Whether HTTP/2 is offered (prior knowledge on cleartext, ALPN on TLS); default true. */
        public Builder http2(boolean enabled) {
            this.h2 = enabled;
            return this;
        }

        /** HTTP/1.1: close each connection after answering {@code n} requests (0 = never). */
        public Builder closeAfterRequests(int n) {
            this.closeAfterRequests = n;
            return this;
        }

        /** Close connections that carried no request for {@code idle} (a backend's keep-alive timeout). */
        public Builder closeIdleAfter(Duration idle) {
            this.closeIdleAfter = Objects.requireNonNull(idle, "idle");
            return this;
        }

        /** Binds and starts the upstream. */
        public FakeUpstream start() {
            try {
                return new FakeUpstream(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
