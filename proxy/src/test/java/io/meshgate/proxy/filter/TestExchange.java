package io.meshgate.proxy.filter;

import io.meshgate.proxy.http.Exchange;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Exchange}s for filter unit tests, confined to an {@link EmbeddedChannel}'s loop
 * (tasks scheduled on it run when the test calls {@code runPendingTasks()} on {@link #channel()}).
 */
public final class TestExchange {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private HttpMethod method = HttpMethod.GET;
    private String path = "/";
    private String authority = "example.com";
    private String scheme = "http";
    private String protocol = "HTTP/1.1";
    private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private @Nullable SSLSession tls;

    /** A GET / for example.com from 127.0.0.1. */
    public static TestExchange request() {
        return new TestExchange();
    }

    /** A request with {@code method} and {@code path}. */
    public static TestExchange request(HttpMethod method, String path) {
        return new TestExchange().method(method).path(path);
    }

    public TestExchange method(HttpMethod method) { this.method = method; return this; }
    public TestExchange path(String path) { this.path = path; return this; }
    public TestExchange authority(String authority) { this.authority = authority; return this; }
    public TestExchange scheme(String scheme) { this.scheme = scheme; return this; }
    public TestExchange protocol(String protocol) { this.protocol = protocol; return this; }
    public TestExchange remote(String ip, int port) { this.remote = new InetSocketAddress(ip, port); return this; }
    public TestExchange header(CharSequence name, Object value) { headers.add(name, value); return this; }
    public TestExchange tls(SSLSession session) { this.tls = session; return this; }

    /** The channel whose event loop the built exchanges are confined to. */
    public EmbeddedChannel channel() { return channel; }

    /** Builds the exchange. */
    public Exchange build() {
        return build(channel.eventLoop());
    }

    /**
     * Builds the exchange confined to {@code eventLoop}: for filters that resume from other threads
     * ({@code FilterResult.await}), which an {@link EmbeddedChannel}'s loop does not support.
     */
    public Exchange build(EventLoop eventLoop) {
        return new Exchange(eventLoop, remote, tls, protocol, scheme, method, path, authority, headers,
                System.nanoTime());
    }
}
