package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.Curl;
import io.meshgate.testkit.FakeRequest;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import io.netty.util.internal.PlatformDependent;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Long-lived and large exchanges: WebSocket, large bodies under backpressure, mirrors, trailers. */
@ExtendWith(LeakDetection.class)
@Timeout(120)
class StreamingIT {

    private static final long BIG = 256L * 1024 * 1024;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeUpstream upstream;
    private FakeUpstream mirror;
    private ProxyHarness proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (mirror != null) {
            mirror.close();
        }
    }

    private void start(FakeUpstream.Behavior b) {
        upstream = FakeUpstream.builder().behavior(b).start();
        TestCluster c = TestCluster.of("a", upstream.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r", c)), c);
    }

    @Test
    void webSocketUpgradePassesThroughAndCarriesMessagesBothWays() throws Exception {
        start(Behaviors.echo());
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + proxy.port() + "/chat"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("hello over the proxy", true).get(10, TimeUnit.SECONDS);
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo: hello over the proxy");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        assertThat(proxy.nextRecord().status()).isEqualTo(101);
        FakeRequest handshake = upstream.lastRequest();
        assertThat(handshake.header("upgrade")).isEqualToIgnoringCase("websocket");
    }

    @Test
    void largeDownloadStreamsWithBoundedMemory() throws Exception {
        start(Behaviors.bytes(BIG));
        MemoryWatch watch = MemoryWatch.start();
        HttpResponse<InputStream> res = client.send(HttpRequest.newBuilder(URI.create(proxy.url("/big"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = res.body()) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                n += r;
            }
        }
        watch.stop();
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(n).isEqualTo(BIG);
        watch.assertBoundedBy(64L * 1024 * 1024);
    }

    @Test
    void largeUploadStreamsWithBoundedMemory() throws Exception {
        start(Behaviors.echo());
        MemoryWatch watch = MemoryWatch.start();
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(proxy.url("/upload")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new FillStream(BIG))).build(),
                HttpResponse.BodyHandlers.ofString());
        watch.stop();
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(upstream.lastRequest().bodyLength()).isEqualTo(BIG);
        watch.assertBoundedBy(64L * 1024 * 1024);
    }

    @Test
    void mirrorsGetACopyAndASlowMirrorNeverDelaysTheRequest() throws Exception {
        upstream = FakeUpstream.builder().name("main").start();
        mirror = FakeUpstream.builder().name("mirror").start();
        TestCluster main = TestCluster.of("main", upstream.port());
        TestCluster copy = TestCluster.of("mirror", mirror.port());
        proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.mirrored("r", main, copy)), main, copy);
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(proxy.url("/orders")))
                .header("host-check", "1").POST(HttpRequest.BodyPublishers.ofString("order-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("\"upstream\":\"main\"");
        for (int i = 0; i < 200 && mirror.requestCount() == 0; i++) {
            Thread.sleep(20);
        }
        FakeRequest copied = mirror.lastRequest();
        assertThat(copied).isNotNull();
        assertThat(copied.bodyText()).isEqualTo("order-1");
        assertThat(copied.header("host")).isEqualTo("127.0.0.1-shadow:" + proxy.port());

        mirror.behavior(Behaviors.hang());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(proxy.url("/orders/" + i)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void trailersPassThroughLikeGrpcStatus() {
        start(Behaviors.withTrailers("payload", Map.of("grpc-status", "0", "grpc-message", "ok")));
        Curl.Result r = Curl.run("--http2-prior-knowledge", "-H", "te: trailers", "-v", proxy.url("/svc.Method"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("payload");
        assertThat(r.stderr()).containsIgnoringCase("< grpc-status: 0").containsIgnoringCase("< grpc-message: ok");
        try (RawConnection c = RawConnection.open(proxy.port())) {
            String raw = c.send("GET /svc.Method HTTP/1.1\r\nHost: a\r\nTE: trailers\r\nConnection: close\r\n\r\n")
                    .readToEnd();
            String trailers = raw.substring(raw.indexOf("payload\r\n0\r\n") + "payload\r\n0\r\n".length());
            assertThat(trailers).contains("grpc-status: 0\r\n").contains("grpc-message: ok\r\n").endsWith("\r\n\r\n");
        }
    }

    /** Samples Netty's direct memory counter while a transfer runs. */
    private static final class MemoryWatch {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong max = new AtomicLong();
        private final long baseline = PlatformDependent.usedDirectMemory();
        private Thread thread;

        static MemoryWatch start() {
            MemoryWatch w = new MemoryWatch();
            w.thread = new Thread(() -> {
                while (w.running.get()) {
                    w.max.accumulateAndGet(PlatformDependent.usedDirectMemory(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            w.thread.setDaemon(true);
            w.thread.start();
            return w;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        void assertBoundedBy(long bytes) {
            assertThat(baseline).as("Netty tracks its direct memory").isGreaterThanOrEqualTo(0);
            assertThat(max.get() - baseline).as("direct memory growth during the transfer").isLessThan(bytes);
        }
    }

    /** An input stream of {@code length} bytes of 'u', generated on the fly. */
    private static final class FillStream extends InputStream {
        private long left;

        FillStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 'u';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'u');
            left -= n;
            return n;
        }
    }
}
