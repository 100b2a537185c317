package io.meshgate.proxy.filter.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.http.Exchange;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWT verification against a JWKS served over HTTP by a server on 127.0.0.1. */
class RemoteJwksTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestKeys keys;
    private static TestKeys rotated;
    private static EventLoop loop;

    private final MutableClock clock = new MutableClock(NOW);
    private JwksServer server;
    private JwtAuthFilter filter;

    @BeforeAll
    static void keys() throws Exception {
        keys = new TestKeys("k1");
        rotated = new TestKeys("k2");
        loop = new DefaultEventLoop();
    }

    @AfterAll
    static void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer(keys.jwks());
        RemoteJwks jwks = new RemoteJwks(server.uri(), CLIENT, clock, RemoteJwks.Settings.DEFAULTS);
        filter = new JwtAuthFilter(new JwtAuthConfig(false, List.of(new JwtProviderConfig("remote", null, List.of(),
                jwks, List.of(new ClaimToHeader("x-user", "sub")), List.of(), Duration.ofSeconds(60))), clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject("alice").expirationTime(Date.from(clock.instant().plusSeconds(600)))
                .build();
    }

    /** Runs the filter on the event loop, as the engine does, and follows an Await to its end. */
    private Outcome call(String token) throws Exception {
        Exchange exchange = TestExchange.request().header("authorization", "Bearer " + token).build(loop);
        FilterResult result = loop.submit(() -> filter.onRequest(exchange)).get(10, TimeUnit.SECONDS);
        boolean awaited = false;
        while (result instanceof FilterResult.Await await) {
            awaited = true;
            result = await.stage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return new Outcome(result, exchange, awaited);
    }

    private record Outcome(FilterResult result, Exchange exchange, boolean awaited) {
        int status() {
            return result instanceof FilterResult.Respond r ? r.status() : 200;
        }
    }

    @Test
    void fetchesOnceAsynchronouslyThenServesFromCache() throws Exception {
        Outcome first = call(keys.rs256(claims()));
        Outcome second = call(keys.es256(claims()));
        Outcome third = call(keys.eddsa(claims()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.awaited()).isTrue();
        assertThat(first.exchange().requestHeaders().get("x-user")).isEqualTo("alice");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.awaited()).isFalse();
        assertThat(third.status()).isEqualTo(200);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void refreshesOnUnknownKidAfterRotation() throws Exception {
        assertThat(call(keys.rs256(claims())).status()).isEqualTo(200);
        server.body(TestKeys.jwks(keys.rsa, rotated.rsa));
        clock.advance(Duration.ofSeconds(31));

        Outcome afterRotation = call(rotated.rs256(claims()));

        assertThat(afterRotation.status()).isEqualTo(200);
        assertThat(afterRotation.exchange().attr(AuthAttributes.JWT).provider()).isEqualTo("remote");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void unknownKidFloodIsRateLimited() throws Exception {
        assertThat(call(keys.rs256(claims())).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(31));

        for (int i = 0; i < 20; i++) {
            assertThat(call(rotated.rs256(claims())).status()).isEqualTo(401);
        }

        assertThat(server.requests()).isEqualTo(2); // the first fetch, and one refresh in the interval
        clock.advance(Duration.ofSeconds(31));
        assertThat(call(rotated.rs256(claims())).status()).isEqualTo(401);
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void staleKeysAreServedWhileRefreshingInBackground() throws Exception {
        assertThat(call(keys.rs256(claims())).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(6));

        Outcome stale = call(keys.rs256(claims()));

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.awaited()).isFalse();
        for (int i = 0; i < 100 && server.requests() < 2; i++) {
            Thread.sleep(50);
        }
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void unreachableJwksIs503AndFailsFastForABackoff() throws Exception {
        server.status(500);

        assertThat(call(keys.rs256(claims())).status()).isEqualTo(503);
        assertThat(call(keys.rs256(claims())).status()).isEqualTo(503);
        assertThat(server.requests()).isEqualTo(1);

        server.status(200);
        clock.advance(Duration.ofSeconds(2));
        assertThat(call(keys.rs256(claims())).status()).isEqualTo(200);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void jkuAndX5uHeadersAreNeverFetched() throws Exception {
        try (JwksServer evil = new JwksServer(TestKeys.jwks(rotated.rsa))) {
            String token = TestKeys.sign(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .keyID(rotated.rsa.getKeyID()).jwkURL(evil.uri()).x509CertURL(evil.uri()).build(), claims(),
                    new com.nimbusds.jose.crypto.RSASSASigner(rotated.rsa));

            assertThat(call(token).status()).isEqualTo(401);
            assertThat(evil.requests()).isZero();
        }
    }

    @Test
    void oversizedJwksIsRefused() throws Exception {
        server.body("{\"keys\":[]" + " ".repeat(600 * 1024) + "}");

        assertThat(call(keys.rs256(claims())).status()).isEqualTo(503);
    }
}
