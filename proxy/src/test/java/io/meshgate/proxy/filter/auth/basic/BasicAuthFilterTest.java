package io.meshgate.proxy.filter.auth.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.http.Exchange;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasicAuthFilterTest {

    private static EventLoop loop;
    private static ExecutorService hashing;
    private static final AtomicInteger checks = new AtomicInteger();
    private static BasicAuthFilter filter;

    @BeforeAll
    static void setUp() {
        loop = new DefaultEventLoop();
        hashing = Executors.newSingleThreadExecutor();
        filter = new BasicAuthFilter(new BasicAuthConfig(Map.of(
                "alice", new BasicAuthConfig.User("alice", bcrypt("s3cret:with colon")),
                "bob", new BasicAuthConfig.User("team-bob", bcrypt("pässwörd"))),
                "x-consumer-name", Duration.ofSeconds(60), 100), task -> {
                    checks.incrementAndGet();
                    hashing.execute(task);
                });
    }

    @AfterAll
    static void tearDown() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        hashing.shutdownNow();
    }

    private static String bcrypt(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, 4); // low cost: tests, not production
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static Result call(BasicAuthFilter f, String authorization) throws Exception {
        TestExchange t = TestExchange.request().header("x-consumer-name", "mallory");
        if (authorization != null) {
            t.header("authorization", authorization);
        }
        Exchange exchange = t.build(loop);
        FilterResult result = loop.submit(() -> f.onRequest(exchange)).get(10, TimeUnit.SECONDS);
        while (result instanceof FilterResult.Await await) {
            result = await.stage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return new Result(result, exchange);
    }

    private record Result(FilterResult result, Exchange exchange) {
        int status() {
            return result instanceof FilterResult.Respond r ? r.status() : 200;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            password with colon | alice:s3cret:with colon | alice
            UTF-8 password      | bob:pässwörd            | team-bob
            """)
    void acceptsRightPasswordForwardsConsumerAndStripsCredentials(String name, String userPass, String consumer)
            throws Exception {
        Result r = call(filter, basic(userPass));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.exchange().requestHeaders().getAll("x-consumer-name")).containsExactly(consumer);
        assertThat(r.exchange().requestHeaders().contains("authorization")).isFalse();
        assertThat(r.exchange().attr(AuthAttributes.IDENTITY).consumer()).isEqualTo(consumer);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            no header         | NULL
            bearer instead    | Bearer abc
            not base64        | Basic !!!
            no colon          | Basic YWxpY2U=
            empty user        | Basic OnMzY3JldA==
            wrong password    | WRONG
            unknown user      | UNKNOWN
            """)
    void refusesWith401AndBasicChallenge(String name, String authorization) throws Exception {
        String header = authorization == null ? null : switch (authorization) {
            case "WRONG" -> basic("alice:guess");
            case "UNKNOWN" -> basic("carol:s3cret:with colon");
            default -> authorization;
        };

        Result r = call(filter, header);

        assertThat(r.status()).isEqualTo(401);
        assertThat(((FilterResult.Respond) r.result()).headers().get("www-authenticate"))
                .isEqualTo("Basic realm=\"meshgate\", charset=\"UTF-8\"");
        assertThat(r.exchange().attr(AuthAttributes.IDENTITY)).isNull();
    }

    @Test
    void verifiedPairIsCachedSoBcryptRunsOnce() throws Exception {
        BasicAuthFilter f = new BasicAuthFilter(new BasicAuthConfig(
                Map.of("dave", new BasicAuthConfig.User("dave", bcrypt("pw"))), null, Duration.ofMinutes(1), 10),
                task -> {
                    checks.incrementAndGet();
                    hashing.execute(task);
                });
        int before = checks.get();

        assertThat(call(f, basic("dave:pw")).status()).isEqualTo(200);
        assertThat(call(f, basic("dave:pw")).status()).isEqualTo(200);
        assertThat(call(f, basic("dave:nope")).status()).isEqualTo(401);

        assertThat(checks.get() - before).isEqualTo(2); // first success, then the wrong password
    }

    @Test
    void runsBcryptOffTheEventLoopAndAnswers503WhenSaturated() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor tiny = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        try {
            tiny.execute(() -> awaitQuietly(release)); // occupies the only thread
            tiny.execute(() -> { }); // fills the queue
            BasicAuthFilter f = new BasicAuthFilter(new BasicAuthConfig(
                    Map.of("erin", new BasicAuthConfig.User("erin", bcrypt("pw"))), null, Duration.ZERO, 0), tiny);

            assertThat(call(f, basic("erin:pw")).status()).isEqualTo(503);
        } finally {
            release.countDown();
            tiny.shutdown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
