package io.meshgate.proxy.filter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.testkit.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Global rate limits against a real redis-server on loopback. */
class GlobalRateLimitFilterIT {

    private static RedisServer redis;
    private static EventLoop loop;
    private final List<RedisConnector> connectors = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static int scopes;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        loop = new DefaultEventLoop();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeConnectors() {
        connectors.forEach(RedisConnector::close);
    }

    private RedisConnector connector(Duration timeout) {
        RedisConnector c = new RedisConnector(new RedisSettings(redis.url(), timeout), registry, System::nanoTime);
        connectors.add(c);
        return c;
    }

    /** A filter whose rules' bucket ids start with {@code scope}, so each test counts on its own. */
    private GlobalRateLimitFilter filter(String scope, RedisConnector c, FailureMode mode, RateLimitRule... rules) {
        List<RateLimitRule> scoped = new ArrayList<>();
        for (RateLimitRule r : rules) {
            scoped.add(new RateLimitRule(scope + "/" + r.id(), r.selectors(), r.quota()));
        }
        return new GlobalRateLimitFilter(new GlobalRateLimiter(scoped, c), mode, registry);
    }

    private static String newScope() {
        return "it-" + ProcessHandle.current().pid() + "-" + (++scopes);
    }

    private static RateLimitRule rule(Quota quota, ClientSelector... selectors) {
        return new RateLimitRule("r" + quota.requests(), List.of(selectors), quota);
    }

    @Test
    void enforcesTheQuotaWithHeadersAndResumesOnTheExchangeEventLoop() throws Exception {
        GlobalRateLimitFilter f = filter(newScope(), connector(Duration.ofSeconds(2)), FailureMode.OPEN,
                rule(Quota.of(5, Duration.ofMinutes(1))));
        for (int i = 0; i < 5; i++) {
            Exchange x = exchange();
            assertThat(run(f, x)).isEqualTo(FilterResult.next());
            x.status(200);
            f.onResponse(x);
            assertThat(x.responseHeaders().get("ratelimit-remaining")).isEqualTo(Integer.toString(4 - i));
            assertThat(x.responseHeaders().get("ratelimit-limit")).isEqualTo("5");
        }
        FilterResult.Respond refused = (FilterResult.Respond) run(f, exchange());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("retry-after")).isEqualTo("12");
        assertThat(refused.headers().get("ratelimit-remaining")).isEqualTo("0");
        assertThat(refused.headers().get("ratelimit-reset")).isEqualTo("60");
        assertThat(registry.counter("meshgate.ratelimit.requests", "type", "global", "result", "limited").count())
                .isEqualTo(1);
    }

    @Test
    void theAnswerIsHandledOnTheExchangeEventLoop() throws Exception {
        GlobalRateLimitFilter f = filter(newScope(), connector(Duration.ofSeconds(2)), FailureMode.OPEN,
                rule(Quota.of(5, Duration.ofMinutes(1))));
        assertThat(countAdmitted(f, 1)).isEqualTo(1); // connected
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            FilterResult.Await await = (FilterResult.Await) f.onRequest(exchange());
            Thread.sleep(300); // Redis answers meanwhile; the result must still wait for the busy loop
            assertThat(await.stage().toCompletableFuture().isDone()).isFalse();
            release.countDown();
            assertThat(await.stage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(FilterResult.next());
        } finally {
            release.countDown();
        }
    }

    @Test
    void twoGatewaysShareTheBuckets() throws Exception {
        String scope = newScope();
        RateLimitRule r = rule(Quota.of(10, Duration.ofHours(1)), HeaderSelector.distinct("x-user"));
        GlobalRateLimitFilter a = filter(scope, connector(Duration.ofSeconds(2)), FailureMode.CLOSED, r);
        GlobalRateLimitFilter b = filter(scope, connector(Duration.ofSeconds(2)), FailureMode.CLOSED, r);
        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            FilterResult res = run(i % 2 == 0 ? a : b, exchange("x-user", "alice"));
            admitted += res == FilterResult.next() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(10);
        assertThat(run(b, exchange("x-user", "bob"))).isEqualTo(FilterResult.next());
    }

    @Test
    void aRefusalByOneLimitUsesUpNoneOfTheOthers() throws Exception {
        String scope = newScope();
        GlobalRateLimitFilter f = filter(scope, connector(Duration.ofSeconds(2)), FailureMode.OPEN,
                rule(Quota.of(2, Duration.ofHours(1))), rule(Quota.of(3, Duration.ofHours(1))));
        assertThat(countAdmitted(f, 10)).isEqualTo(2);
        GlobalRateLimitFilter only3 = filter(scope, connector(Duration.ofSeconds(2)), FailureMode.OPEN,
                rule(Quota.of(3, Duration.ofHours(1))));
        assertThat(countAdmitted(only3, 10)).isEqualTo(1); // 2 used by the admitted requests, none by the refused
    }

    @Test
    void survivesAScriptFlush() throws Exception {
        GlobalRateLimitFilter f = filter(newScope(), connector(Duration.ofSeconds(2)), FailureMode.CLOSED,
                rule(Quota.of(3, Duration.ofHours(1))));
        assertThat(countAdmitted(f, 1)).isEqualTo(1);
        assertThat(redis.command("SCRIPT FLUSH")).isEqualTo("+OK");
        assertThat(countAdmitted(f, 5)).isEqualTo(2);
    }

    @Test
    void failsOpenOrClosedWhileRedisIsDownAndRecoversWhenItReturns() throws Exception {
        String scope = newScope();
        RedisConnector c = connector(Duration.ofMillis(500));
        GlobalRateLimitFilter open = filter(scope, c, FailureMode.OPEN, rule(Quota.of(1, Duration.ofHours(1))));
        GlobalRateLimitFilter closed = filter(scope + "c", c, FailureMode.CLOSED, rule(Quota.of(1, Duration.ofHours(1))));
        assertThat(countAdmitted(open, 3)).isEqualTo(1);

        redis.stop();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(run(open, exchange())).isEqualTo(FilterResult.next());
                FilterResult.Respond r = (FilterResult.Respond) run(closed, exchange());
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.headers().get("retry-after")).isEqualTo("1");
            }
            assertThat(c.health().isDown()).isTrue();
            assertThat(registry.counter("meshgate.ratelimit.redis.errors", "redis", "127.0.0.1:" + redis.port()).count())
                    .isGreaterThanOrEqualTo(6);
            assertThat(registry.get("meshgate.ratelimit.redis.up").gauge().value()).isZero();
        } finally {
            redis.restart();
        }

        // Lettuce reconnects with backoff (at most 1 s); decisions are made by Redis again once it is back.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        FilterResult r = run(closed, exchange());
        while (r instanceof FilterResult.Respond resp && resp.status() == 503 && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            r = run(closed, exchange());
        }
        assertThat(r).isEqualTo(FilterResult.next());
        assertThat(((FilterResult.Respond) run(closed, exchange())).status()).isEqualTo(429);
        assertThat(c.health().isDown()).isFalse();
        assertThat(registry.get("meshgate.ratelimit.redis.up").gauge().value()).isEqualTo(1);
    }

    @Test
    void aRuleThatDoesNotApplyMakesNoRedisCall() {
        GlobalRateLimitFilter f = filter(newScope(), connector(Duration.ofSeconds(2)), FailureMode.CLOSED,
                rule(Quota.of(1, Duration.ofHours(1)), HeaderSelector.exact("x-plan", "free")));
        assertThat(f.onRequest(exchange("x-plan", "gold"))).isEqualTo(FilterResult.next());
    }

    private static int countAdmitted(GlobalRateLimitFilter f, int attempts) throws Exception {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            FilterResult r = run(f, exchange());
            if (r == FilterResult.next()) {
                admitted++;
            } else {
                assertThat(((FilterResult.Respond) r).status()).isEqualTo(429);
            }
        }
        return admitted;
    }

    /** Runs the request phase and waits for an async result. */
    private static FilterResult run(GlobalRateLimitFilter f, Exchange x) throws Exception {
        FilterResult r = f.onRequest(x);
        if (!(r instanceof FilterResult.Await await)) {
            return r;
        }
        return await.stage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Exchange exchange(String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new Exchange(loop, new InetSocketAddress("127.0.0.1", 40000), null, "HTTP/1.1", "http",
                HttpMethod.GET, "/", "example.com", h, System.nanoTime());
    }
}
