package io.meshgate.proxy.filter.auth.extauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** External authorization against an authorization service on 127.0.0.1. */
class ExtAuthFilterTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static HttpServer authService;
    private static EventLoop loop;
    /** What the service saw, by the x-test header of the request. */
    private static final Map<String, com.sun.net.httpserver.HttpExchange> seen = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, List<String>>> seenHeaders = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        loop = new DefaultEventLoop();
        authService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        authService.createContext("/check", ex -> {
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("authorization"));
            String test = String.valueOf(ex.getRequestHeaders().getFirst("x-test"));
            seen.put(test, ex);
            seenHeaders.put(test, Map.copyOf(ex.getRequestHeaders()));
            byte[] body = new byte[0];
            int status;
            switch (auth) {
                case "Bearer good" -> {
                    ex.getResponseHeaders().set("x-user-role", "teller");
                    ex.getResponseHeaders().set("x-internal", "secret");
                    status = 200;
                }
                case "Bearer login" -> {
                    ex.getResponseHeaders().set("location", "https://login.example.com/");
                    status = 302;
                }
                case "Bearer slow" -> {
                    sleep(1500);
                    status = 200;
                }
                default -> {
                    ex.getResponseHeaders().set("www-authenticate", "Bearer realm=\"corp\"");
                    ex.getResponseHeaders().set("content-type", "text/plain");
                    body = "go away".getBytes(StandardCharsets.UTF_8);
                    status = 401;
                }
            }
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        authService.start();
    }

    @AfterAll
    static void stop() {
        authService.stop(0);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExtAuthFilter filter(List<URI> endpoints, boolean failOpen, Duration timeout) {
        return new ExtAuthFilter(new ExtAuthConfig(endpoints, "/check", List.of("x-test", "cookie"),
                List.of("x-user-role"), failOpen, timeout, ExtAuthConfig.DEFAULT_MAX_BODY_BYTES), CLIENT);
    }

    private static URI service() {
        return URI.create("http://127.0.0.1:" + authService.getAddress().getPort());
    }

    private static FilterResult call(ExtAuthFilter f, Exchange exchange) throws Exception {
        FilterResult result = loop.submit(() -> f.onRequest(exchange)).get(10, TimeUnit.SECONDS);
        while (result instanceof FilterResult.Await await) {
            result = await.stage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return result;
    }

    @Test
    void allowedRequestGetsHeadersFromTheService() throws Exception {
        Exchange exchange = TestExchange.request(HttpMethod.DELETE, "/accounts/7?force=1").authority("bank.example.com")
                .header("authorization", "Bearer good").header("x-test", "allow").header("cookie", "sid=1")
                .header("x-user-role", "admin").header("x-not-sent", "1").build(loop);

        FilterResult result = call(filter(List.of(service()), false, Duration.ofSeconds(5)), exchange);

        assertThat(result).isSameAs(FilterResult.next());
        assertThat(exchange.requestHeaders().getAll("x-user-role")).containsExactly("teller");
        assertThat(exchange.requestHeaders().contains("x-internal")).isFalse();
        com.sun.net.httpserver.HttpExchange check = seen.get("allow");
        assertThat(check.getRequestMethod()).isEqualTo("DELETE");
        assertThat(check.getRequestURI().toString()).isEqualTo("/check/accounts/7?force=1");
        Map<String, List<String>> h = seenHeaders.get("allow");
        assertThat(h.get("Cookie")).containsExactly("sid=1");
        assertThat(h.get("X-forwarded-host")).containsExactly("bank.example.com");
        assertThat(h.get("X-forwarded-uri")).containsExactly("/accounts/7?force=1");
        assertThat(h).doesNotContainKey("X-not-sent");
    }

    @Test
    void deniedRequestGetsTheServiceAnswer() throws Exception {
        Exchange exchange = TestExchange.request().header("authorization", "Bearer bad").header("x-test", "deny")
                .build(loop);

        FilterResult.Respond r = (FilterResult.Respond) call(filter(List.of(service()), false, Duration.ofSeconds(5)),
                exchange);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("www-authenticate")).isEqualTo("Bearer realm=\"corp\"");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("go away");
        assertThat(r.headers().contains("content-length")).isFalse();
    }

    @Test
    void redirectIsRelayed() throws Exception {
        FilterResult.Respond r = (FilterResult.Respond) call(filter(List.of(service()), false, Duration.ofSeconds(5)),
                TestExchange.request().header("authorization", "Bearer login").build(loop));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.headers().get("location")).isEqualTo("https://login.example.com/");
    }

    @Test
    void unreachableOrSlowServiceFailsClosedByDefault() throws Exception {
        URI closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        FilterResult unreachable = call(filter(List.of(closed), false, Duration.ofSeconds(5)),
                TestExchange.request().build(loop));
        FilterResult slow = call(filter(List.of(service()), false, Duration.ofMillis(300)),
                TestExchange.request().header("authorization", "Bearer slow").build(loop));

        assertThat(((FilterResult.Respond) unreachable).status()).isEqualTo(503);
        assertThat(((FilterResult.Respond) slow).status()).isEqualTo(503);
    }

    @Test
    void failOpenLetsRequestsThroughWhenTheServiceIsDown() throws Exception {
        URI closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }

        FilterResult result = call(filter(List.of(closed), true, Duration.ofSeconds(5)), TestExchange.request().build(loop));

        assertThat(result).isSameAs(FilterResult.next());
    }
}
