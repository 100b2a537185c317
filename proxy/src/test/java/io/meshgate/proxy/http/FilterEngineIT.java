package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.BodyMode;
import io.meshgate.proxy.filter.BodyTransformer;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The filter SPI as the engine runs it, over real sockets: phases, direct answers, async, buffering, transformers. */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class FilterEngineIT {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeUpstream upstream;
    private ProxyHarness proxy;
    private TestCluster cluster;

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.builder().behavior(Behaviors.echo()).start();
        cluster = TestCluster.of("a", upstream.port());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    private void route(HttpFilter... filters) {
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", cluster, List.of(filters))),
                cluster);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(proxy.url(path)));
    }

    /** Adds a request header and a response header. */
    private static HttpFilter tagging(String name, Phase phase) {
        return new HttpFilter() {
            @Override
            public Phase phase() {
                return phase;
            }

            @Override
            public FilterResult onRequest(Exchange x) {
                x.requestHeaders().add("x-req-" + name, "1");
                return FilterResult.next();
            }

            @Override
            public FilterResult onResponse(Exchange x) {
                x.responseHeaders().add("x-resp-" + name, "1");
                return FilterResult.next();
            }
        };
    }

    @Test
    void runsRequestPhaseInOrderAndResponsePhaseInReverse() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpFilter first = new HttpFilter() {
            public Phase phase() { return Phase.AUTHN; }
            public FilterResult onRequest(Exchange x) { order.add("req-authn"); return FilterResult.next(); }
            public FilterResult onResponse(Exchange x) { order.add("resp-authn"); return FilterResult.next(); }
        };
        HttpFilter second = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public FilterResult onRequest(Exchange x) { order.add("req-transform"); return FilterResult.next(); }
            public FilterResult onResponse(Exchange x) { order.add("resp-transform"); return FilterResult.next(); }
        };
        route(second, first); // listed out of phase order on purpose
        assertThat(send(req("/")).statusCode()).isEqualTo(200);
        proxy.nextRecord();
        assertThat(order).containsExactly("req-authn", "req-transform", "resp-transform", "resp-authn");
    }

    @Test
    void directAnswerSkipsUpstreamAndLaterFiltersButEarlierResponsePhasesRun() throws Exception {
        AtomicBoolean laterRan = new AtomicBoolean();
        HttpFilter deny = new HttpFilter() {
            public Phase phase() { return Phase.AUTHN; }
            public FilterResult onRequest(Exchange x) {
                return FilterResult.respond(401, new DefaultHttpHeaders().set("www-authenticate", "Bearer"),
                        "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8));
            }
            public FilterResult onResponse(Exchange x) { laterRan.set(true); return FilterResult.next(); }
        };
        HttpFilter later = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public FilterResult onRequest(Exchange x) { laterRan.set(true); return FilterResult.next(); }
        };
        route(tagging("cors", Phase.ACCESS), deny, later);
        HttpResponse<String> res = send(req("/"));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).isEqualTo("{\"error\":\"no\"}");
        assertThat(res.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(res.headers().firstValue("x-resp-cors")).hasValue("1");
        assertThat(laterRan).isFalse();
        assertThat(upstream.requests()).isEmpty();
        assertThat(proxy.nextRecord().responseFlag()).isEqualTo("local_reply");
    }

    @Test
    void awaitResumesOnTheExchangeLoop() throws Exception {
        AtomicBoolean onLoop = new AtomicBoolean();
        HttpFilter slow = new HttpFilter() {
            public Phase phase() { return Phase.AUTHN; }
            public FilterResult onRequest(Exchange x) {
                CompletableFuture<FilterResult> f = new CompletableFuture<>();
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> f.complete(FilterResult.next()));
                return FilterResult.await(f);
            }
        };
        HttpFilter check = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public FilterResult onRequest(Exchange x) {
                onLoop.set(x.eventLoop().inEventLoop());
                return FilterResult.next();
            }
        };
        route(slow, check);
        HttpResponse<String> res = send(req("/").POST(HttpRequest.BodyPublishers.ofString("while waiting")));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"body\":\"while waiting\"");
        assertThat(onLoop).isTrue();
    }

    @Test
    void synchronousResponsePhaseKeepsTheConnectionServingRequests() throws Exception {
        route(tagging("a", Phase.AUTHN), tagging("b", Phase.TRANSFORM));
        for (int i = 0; i < 20; i++) { // one keep-alive connection: a response left unflushed would stall the next
            HttpResponse<String> res = send(req("/n" + i).POST(HttpRequest.BodyPublishers.ofString("body-" + i)));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"body\":\"body-" + i + "\"");
            assertThat(res.headers().firstValue("x-resp-a")).hasValue("1");
            assertThat(res.headers().firstValue("x-resp-b")).hasValue("1");
        }
    }

    @Test
    void awaitingResponsePhaseHoldsTheStreamedBodyUntilItIsDone() throws Exception {
        upstream.behavior(Behaviors.bytes(4 * 1024 * 1024));
        HttpFilter slow = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public FilterResult onResponse(Exchange x) {
                CompletableFuture<FilterResult> f = new CompletableFuture<>();
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> {
                    x.eventLoop().execute(() -> {
                        x.responseHeaders().set("x-after-wait", "1");
                        f.complete(FilterResult.next());
                    });
                });
                return FilterResult.await(f);
            }
        };
        route(slow);
        HttpResponse<byte[]> res = client.send(req("/big").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-after-wait")).hasValue("1");
        assertThat(res.body()).hasSize(4 * 1024 * 1024).containsOnly((byte) 'x');
    }

    @Test
    void failedAwaitAndThrowingFilterAnswer500() throws Exception {
        HttpFilter broken = new HttpFilter() {
            public Phase phase() { return Phase.AUTHN; }
            public FilterResult onRequest(Exchange x) {
                if (x.path().startsWith("/throw")) {
                    throw new IllegalStateException("bug");
                }
                return FilterResult.await(CompletableFuture.failedFuture(new RuntimeException("down")));
            }
        };
        route(broken);
        assertThat(send(req("/throw")).statusCode()).isEqualTo(500);
        assertThat(send(req("/fail")).statusCode()).isEqualTo(500);
    }

    @Test
    void bufferedRequestBodyCanBeReplacedAndOversizeGets413() throws Exception {
        HttpFilter upper = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public BodyMode requestBodyMode() { return BodyMode.buffer(1000); }
            public FilterResult onRequest(Exchange x) {
                ByteBuf b = x.requestBody();
                String s = b == null ? "" : b.toString(StandardCharsets.UTF_8);
                x.requestBody(Unpooled.copiedBuffer(s.toUpperCase(Locale.ROOT) + "!", StandardCharsets.UTF_8));
                return FilterResult.next();
            }
        };
        route(upper);
        HttpResponse<String> ok = send(req("/").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(ok.body()).contains("\"body\":\"HELLO!\"").contains("\"content-length\":[\"6\"]");
        HttpResponse<String> big = send(req("/").POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void bufferedResponseCanBeRewrittenAndResponsePhaseCanReplaceIt() throws Exception {
        HttpFilter rewrite = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public BodyMode responseBodyMode() { return BodyMode.buffer(100_000); }
            public FilterResult onResponse(Exchange x) {
                if (x.path().startsWith("/replace")) {
                    return FilterResult.error(418, "teapot");
                }
                x.responseBody(Unpooled.copiedBuffer("rewritten", StandardCharsets.UTF_8));
                x.responseHeaders().remove(HttpHeaderNames.CONTENT_LENGTH);
                return FilterResult.next();
            }
        };
        route(rewrite);
        HttpResponse<String> r = send(req("/r"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("rewritten");
        HttpResponse<String> t = send(req("/replace"));
        assertThat(t.statusCode()).isEqualTo(418);
        assertThat(t.body()).isEqualTo("{\"status\":418,\"error\":\"teapot\"}");
    }

    @Test
    void streamingTransformersChangeBothBodies() throws Exception {
        HttpFilter transform = new HttpFilter() {
            public Phase phase() { return Phase.TRANSFORM; }
            public FilterResult onRequest(Exchange x) {
                x.addRequestBodyTransformer(new BodyTransformer() {
                    public ByteBuf transform(ByteBuf chunk, ByteBufAllocator alloc) {
                        try {
                            return Unpooled.copiedBuffer(chunk.toString(StandardCharsets.UTF_8).replace('a', 'b'), StandardCharsets.UTF_8);
                        } finally {
                            chunk.release();
                        }
                    }
                    public ByteBuf finish(ByteBufAllocator alloc) { return Unpooled.EMPTY_BUFFER; }
                });
                return FilterResult.next();
            }
            public FilterResult onResponse(Exchange x) {
                x.responseHeaders().remove(HttpHeaderNames.CONTENT_LENGTH);
                x.addResponseBodyTransformer(new BodyTransformer() {
                    public ByteBuf transform(ByteBuf chunk, ByteBufAllocator alloc) { return chunk; }
                    public ByteBuf finish(ByteBufAllocator alloc) {
                        return Unpooled.copiedBuffer("<end>", StandardCharsets.UTF_8);
                    }
                });
                return FilterResult.next();
            }
        };
        route(transform);
        HttpResponse<String> r = send(req("/").POST(HttpRequest.BodyPublishers.ofString("aaaa")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"body\":\"bbbb\"").endsWith("}<end>");
    }
}
