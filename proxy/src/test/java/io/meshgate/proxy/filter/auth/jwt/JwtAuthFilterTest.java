package io.meshgate.proxy.filter.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.CredentialSource;
import io.meshgate.proxy.http.Exchange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtAuthFilterTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISSUER = "https://issuer.example.com";

    private static TestKeys keys;
    private static TestKeys attacker;
    private static JwtAuthFilter filter;

    @BeforeAll
    static void setUp() throws Exception {
        keys = new TestKeys("good");
        attacker = new TestKeys("evil");
        filter = filter(false);
    }

    private static JwtAuthFilter filter(boolean optional) {
        return new JwtAuthFilter(new JwtAuthConfig(optional, List.of(new JwtProviderConfig("main", ISSUER,
                List.of("bank-api"), LocalJwks.parse(keys.jwks()),
                List.of(new ClaimToHeader("x-user", "sub"), new ClaimToHeader("x-tenant", "org.tenant")),
                List.of(), JwtProviderConfig.DEFAULT_CLOCK_SKEW)), CLOCK));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("bank-api").subject("alice")
                .claim("org", Map.of("tenant", "acme")).expirationTime(Date.from(NOW.plusSeconds(300)))
                .issueTime(Date.from(NOW));
    }

    static Stream<Arguments> validTokens() {
        return Stream.of(
                Arguments.of("RS256", (Signer) c -> keys.rs256(c)),
                Arguments.of("ES256", (Signer) c -> keys.es256(c)),
                Arguments.of("EdDSA", (Signer) c -> keys.eddsa(c)),
                Arguments.of("PS256", (Signer) c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.PS256)
                        .keyID(keys.rsa.getKeyID()).build(), c, new RSASSASigner(keys.rsa))),
                Arguments.of("RS256 without kid", (Signer) c -> TestKeys.sign(new JWSHeader(JWSAlgorithm.RS256), c,
                        new RSASSASigner(keys.rsa))),
                Arguments.of("expired within skew", (Signer) c -> keys.rs256(new JWTClaimsSet.Builder(c)
                        .expirationTime(Date.from(NOW.minusSeconds(30))).build())),
                Arguments.of("audience list", (Signer) c -> keys.rs256(new JWTClaimsSet.Builder(c)
                        .audience(List.of("other", "bank-api")).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validTokens")
    void acceptsValidTokenCopiesClaimsAndStripsIt(String name, Signer signer) throws Exception {
        Exchange exchange = TestExchange.request().header("authorization", "Bearer " + signer.sign(claims().build()))
                .header("x-user", "mallory").build();

        assertThat(filter.onRequest(exchange)).isSameAs(FilterResult.next());

        assertThat(exchange.requestHeaders().getAll("x-user")).containsExactly("alice");
        assertThat(exchange.requestHeaders().get("x-tenant")).isEqualTo("acme");
        assertThat(exchange.requestHeaders().contains("authorization")).isFalse();
        assertThat(exchange.attr(AuthAttributes.JWT).provider()).isEqualTo("main");
        assertThat(exchange.attr(AuthAttributes.IDENTITY).consumer()).isEqualTo("alice");
    }

    @Test
    void acceptsTokenFromAccessTokenParameterAndRemovesIt() throws Exception {
        Exchange exchange = TestExchange.request().path("/a?x=1&access_token=" + keys.rs256(claims().build())).build();

        assertThat(filter.onRequest(exchange)).isSameAs(FilterResult.next());

        assertThat(exchange.path()).isEqualTo("/a?x=1");
    }

    static Stream<Arguments> badTokens() throws Exception {
        return Stream.of(
                bad("expired beyond skew", c -> keys.rs256(new JWTClaimsSet.Builder(c)
                        .expirationTime(Date.from(NOW.minusSeconds(61))).build()), "token expired"),
                bad("not yet valid", c -> keys.rs256(new JWTClaimsSet.Builder(c)
                        .notBeforeTime(Date.from(NOW.plusSeconds(120))).build()), "token not yet valid"),
                bad("wrong issuer", c -> keys.rs256(new JWTClaimsSet.Builder(c).issuer("https://evil.io").build()),
                        "issuer not accepted"),
                bad("no issuer", c -> keys.rs256(new JWTClaimsSet.Builder(c).issuer(null).build()),
                        "issuer not accepted"),
                bad("wrong audience", c -> keys.rs256(new JWTClaimsSet.Builder(c).audience("other").build()),
                        "audience not accepted"),
                bad("tampered payload", c -> {
                    String[] parts = keys.rs256(c).split("\\.");
                    return parts[0] + "." + TestKeys.b64(new JWTClaimsSet.Builder(c).subject("admin").build()
                            .toString()) + "." + parts[2];
                }, "invalid signature"),
                bad("garbage", c -> "not.a.jwt", "malformed token"),
                bad("alg none", c -> TestKeys.b64("{\"alg\":\"none\"}") + "." + TestKeys.b64(c.toString()) + ".",
                        "malformed token"),
                bad("alg none with kid", c -> TestKeys.b64("{\"alg\":\"none\",\"kid\":\"good-rsa\"}") + "."
                        + TestKeys.b64(c.toString()) + ".", "malformed token"),
                bad("HS256 keyed with the RSA public key", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(keys.rsa.getKeyID()).build(), c, new MACSigner(keys.rsa.toPublicKey().getEncoded())),
                        "accepts algorithm HS256"),
                bad("HS256 keyed with the public JWK text", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(keys.rsa.getKeyID()).build(), c, new MACSigner(keys.rsa.toPublicJWK().toJSONString()
                        .getBytes(StandardCharsets.UTF_8))), "accepts algorithm HS256"),
                bad("attacker key via jwk header", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .jwk(attacker.rsa.toPublicJWK()).build(), c, new RSASSASigner(attacker.rsa)),
                        "invalid signature"),
                bad("attacker key with real kid", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keys.rsa.getKeyID()).build(), c, new RSASSASigner(attacker.rsa)), "invalid signature"),
                bad("kid path traversal", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("../../../../dev/null").build(), c, new RSASSASigner(attacker.rsa)),
                        "unknown signing key"),
                bad("ES256 claimed for the RSA kid", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(keys.rsa.getKeyID()).build(), c, new com.nimbusds.jose.crypto.ECDSASigner(attacker.ec)),
                        "accepts algorithm ES256"),
                bad("RS256 claimed for the EC kid", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keys.ec.getKeyID()).build(), c, new RSASSASigner(keys.rsa)), "accepts algorithm RS256"),
                bad("ES256 all-zero signature (CVE-2022-21449)", c -> {
                    String[] parts = keys.es256(c).split("\\.");
                    return parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[64]);
                }, "invalid signature"),
                bad("unknown critical header", c -> TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keys.rsa.getKeyID()).criticalParams(java.util.Set.of("x-must")).customParam("x-must", 1)
                        .build(), c, new RSASSASigner(keys.rsa)), "invalid signature"));
    }

    private static Arguments bad(String name, Signer signer, String reason) {
        return Arguments.of(name, signer, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesBadTokensWith401InvalidToken(String name, Signer signer, String reason) throws Exception {
        Exchange exchange = TestExchange.request().header("authorization", "Bearer " + signer.sign(claims().build()))
                .build();

        FilterResult result = filter.onRequest(exchange);

        assertThat(result).isInstanceOf(FilterResult.Respond.class);
        FilterResult.Respond r = (FilterResult.Respond) result;
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("www-authenticate")).startsWith("Bearer realm=\"meshgate\", error=\"invalid_token\"")
                .contains(reason);
        assertThat(exchange.attr(AuthAttributes.JWT)).isNull();
    }

    @Test
    void refusesRsaKeysShorterThan2048Bits() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        JwtAuthFilter weakProvider = new JwtAuthFilter(new JwtAuthConfig(false, List.of(new JwtProviderConfig("weak",
                null, List.of(), LocalJwks.parse(TestKeys.jwks(weak)), List.of(), List.of(), Duration.ZERO)), CLOCK));
        String token = TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("weak").build(), claims().build(),
                new RSASSASigner(weak.toPrivateKey(), true));

        FilterResult.Respond r = (FilterResult.Respond) weakProvider.onRequest(
                TestExchange.request().header("authorization", "Bearer " + token).build());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("www-authenticate")).contains("no key of provider weak accepts algorithm RS256");
    }

    @Test
    void missingTokenIs401WithBareChallenge() {
        FilterResult.Respond r = (FilterResult.Respond) filter.onRequest(
                TestExchange.request().header("authorization", "Basic YTpi").build());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("www-authenticate")).isEqualTo("Bearer realm=\"meshgate\"");
    }

    @Test
    void optionalLetsAnonymousThroughButNotSpoofedClaims() throws Exception {
        JwtAuthFilter optional = filter(true);
        Exchange anonymous = TestExchange.request().header("x-user", "admin").build();

        assertThat(optional.onRequest(anonymous)).isSameAs(FilterResult.next());
        assertThat(anonymous.requestHeaders().contains("x-user")).isFalse();

        FilterResult invalid = optional.onRequest(TestExchange.request()
                .header("authorization", "Bearer " + attacker.rs256(claims().build())).build());
        assertThat(((FilterResult.Respond) invalid).status()).isEqualTo(401);
    }

    @Test
    void claimWithLineBreakIsNotCopied() throws Exception {
        Exchange exchange = TestExchange.request().header("authorization",
                "Bearer " + keys.rs256(claims().subject("alice\r\nx-admin: true").build())).build();

        assertThat(filter.onRequest(exchange)).isSameAs(FilterResult.next());

        assertThat(exchange.requestHeaders().contains("x-user")).isFalse();
    }

    @Test
    void customHeaderExtractorWithPrefix() throws Exception {
        JwtAuthFilter custom = new JwtAuthFilter(new JwtAuthConfig(false, List.of(new JwtProviderConfig("p", null,
                List.of(), LocalJwks.parse(keys.jwks()), List.of(),
                List.of(new CredentialSource.Header("x-token", "JWT ")), Duration.ZERO)), CLOCK));
        Exchange exchange = TestExchange.request().header("x-token", "JWT " + keys.es256(claims().build())).build();

        assertThat(custom.onRequest(exchange)).isSameAs(FilterResult.next());
    }

    @Test
    void secondProviderVerifiesItsIssuer() throws Exception {
        JwtAuthFilter two = new JwtAuthFilter(new JwtAuthConfig(false, List.of(
                new JwtProviderConfig("partner", "https://partner.io", List.of(), LocalJwks.parse(attacker.jwks()),
                        List.of(), List.of(), Duration.ZERO),
                new JwtProviderConfig("main", ISSUER, List.of(), LocalJwks.parse(keys.jwks()), List.of(), List.of(),
                        Duration.ZERO)), CLOCK));
        Exchange main = TestExchange.request().header("authorization", "Bearer " + keys.rs256(claims().build())).build();
        Exchange partner = TestExchange.request().header("authorization",
                "Bearer " + attacker.rs256(claims().issuer("https://partner.io").build())).build();

        assertThat(two.onRequest(main)).isSameAs(FilterResult.next());
        assertThat(main.attr(AuthAttributes.JWT).provider()).isEqualTo("main");
        assertThat(two.onRequest(partner)).isSameAs(FilterResult.next());
        assertThat(partner.attr(AuthAttributes.JWT).provider()).isEqualTo("partner");
    }

    @FunctionalInterface
    interface Signer {
        String sign(JWTClaimsSet claims) throws Exception;
    }

}
