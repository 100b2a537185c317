package io.meshgate.proxy.filter.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.filter.auth.CredentialSource;
import io.meshgate.proxy.http.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeyAuthFilterTest {

    private static final String ALICE_KEY = ApiKeys.generate(new SecureRandom());
    private static final String BOB_KEY = ApiKeys.generate(new SecureRandom());

    private final ApiKeyAuthFilter filter = new ApiKeyAuthFilter(new ApiKeyAuthConfig(
            List.of(CredentialSource.Header.of("x-api-key"), new CredentialSource.QueryParam("api_key"),
                    new CredentialSource.Cookie("apikey")),
            Map.of(ApiKeys.hash(ALICE_KEY), "alice", ApiKeys.hash(BOB_KEY), "bob"),
            ApiKeyAuthConfig.DEFAULT_CLIENT_ID_HEADER, true));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header            | /orders               | x-api-key | ALICE | alice | /orders
            query             | /orders?api_key=ALICE | -         | -     | alice | /orders
            query among other | /o?a=1&api_key=BOB&b=2| -         | -     | bob   | /o?a=1&b=2
            cookie            | /orders               | cookie    | x=1; apikey=ALICE; y=2 | alice | /orders
            """)
    void acceptsKnownKeyAndStripsIt(String name, String path, String header, String value, String consumer,
                                    String upstreamPath) {
        TestExchange request = TestExchange.request().path(keys(path));
        if (!header.equals("-")) {
            request.header(header, keys(value));
        }
        request.header("x-consumer-name", "mallory");
        Exchange exchange = request.build();

        assertThat(filter.onRequest(exchange)).isSameAs(FilterResult.next());

        assertThat(exchange.requestHeaders().getAll("x-consumer-name")).containsExactly(consumer);
        assertThat(exchange.attr(AuthAttributes.IDENTITY))
                .isEqualTo(new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.API_KEY));
        assertThat(exchange.path()).isEqualTo(upstreamPath);
        assertThat(exchange.requestHeaders().contains("x-api-key")).isFalse();
        assertThat(exchange.requestHeaders().get("cookie")).isIn(null, "x=1; y=2");
        assertThat(exchange.requestHeaders().toString()).doesNotContain(ALICE_KEY).doesNotContain(BOB_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no key         | /orders                   | -         | -
            unknown key    | /orders                   | x-api-key | mgk_not-a-key
            empty header   | /orders                   | x-api-key | ''
            wrong param    | /orders?apikey=ALICE      | -         | -
            key as prefix  | /orders                   | x-api-key | ALICEx
            """)
    void refusesMissingOrUnknownKeyWith401AndChallenge(String name, String path, String header, String value) {
        TestExchange request = TestExchange.request().path(keys(path));
        if (!header.equals("-")) {
            request.header(header, keys(value));
        }
        Exchange exchange = request.build();

        FilterResult result = filter.onRequest(exchange);

        assertThat(result).isInstanceOf(FilterResult.Respond.class);
        FilterResult.Respond respond = (FilterResult.Respond) result;
        assertThat(respond.status()).isEqualTo(401);
        assertThat(respond.headers().get("www-authenticate")).startsWith("ApiKey realm=\"meshgate\"");
        assertThat(new String(respond.body(), StandardCharsets.UTF_8)).contains("API key");
        assertThat(exchange.attr(AuthAttributes.IDENTITY)).isNull();
    }

    @Test
    void revokedKeyIsUnknown() {
        ApiKeyAuthFilter onlyBob = new ApiKeyAuthFilter(new ApiKeyAuthConfig(
                List.of(CredentialSource.Header.of("x-api-key")), Map.of(ApiKeys.hash(BOB_KEY), "bob"),
                "x-consumer-name", true));

        FilterResult result = onlyBob.onRequest(TestExchange.request().header("x-api-key", ALICE_KEY).build());

        assertThat(((FilterResult.Respond) result).status()).isEqualTo(401);
    }

    @Test
    void keepsKeyAndSkipsHeaderWhenConfiguredSo() {
        ApiKeyAuthFilter keep = new ApiKeyAuthFilter(new ApiKeyAuthConfig(
                List.of(CredentialSource.Header.of("x-api-key")), Map.of(ApiKeys.hash(BOB_KEY), "bob"), null, false));
        Exchange exchange = TestExchange.request().header("x-api-key", BOB_KEY).build();

        assertThat(keep.onRequest(exchange)).isSameAs(FilterResult.next());

        assertThat(exchange.requestHeaders().get("x-api-key")).isEqualTo(BOB_KEY);
        assertThat(exchange.requestHeaders().contains("x-consumer-name")).isFalse();
        assertThat(exchange.attr(AuthAttributes.IDENTITY).consumer()).isEqualTo("bob");
    }

    private static String keys(String s) {
        return s.replace("ALICE", ALICE_KEY).replace("BOB", BOB_KEY);
    }
}
