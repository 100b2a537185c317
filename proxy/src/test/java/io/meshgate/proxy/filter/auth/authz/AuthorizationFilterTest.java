package io.meshgate.proxy.filter.auth.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.meshgate.api.Cidr;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.filter.auth.VerifiedJwt;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.Action;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.ClaimMatch;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.HeaderMatch;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.JwtPrincipal;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.Principal;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.Rule;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizationFilterTest {

    private static final Principal ANYONE = new Principal(List.of(), null, List.of(), Set.of());

    /**
     * Deny the lab network; admins (jwt group claim) may do anything; readers (scope) may GET;
     * consumer "batch" may POST from 10/8; everything else is denied.
     */
    private final AuthorizationFilter filter = new AuthorizationFilter(new AuthorizationConfig(List.of(
            new Rule("lab", Action.DENY, Set.of(), new Principal(List.of(Cidr.parse("10.66.0.0/16")), null, List.of(),
                    Set.of())),
            new Rule("admins", Action.ALLOW, Set.of(), new Principal(List.of(), new JwtPrincipal("main",
                    List.of(new ClaimMatch("groups", true, List.of("admin"))), List.of()), List.of(), Set.of())),
            new Rule("readers", Action.ALLOW, Set.of("GET", "HEAD"), new Principal(List.of(),
                    new JwtPrincipal("main", List.of(new ClaimMatch("org.tier", false, List.of("gold", "silver"))),
                            List.of("accounts:read")), List.of(), Set.of())),
            new Rule("batch", Action.ALLOW, Set.of("POST"), new Principal(List.of(Cidr.parse("10.0.0.0/8")), null,
                    List.of(new HeaderMatch("x-job", List.of("nightly"))), Set.of("batch")))),
            Action.DENY));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            admin writes                  | DELETE | 192.0.2.1  | main | groups=admin     | -                             | -       | -      | 200
            admin from the lab            | GET    | 10.66.1.1  | main | groups=admin     | -                             | -       | -      | 403
            reader with scope and tier    | GET    | 192.0.2.1  | main | tier=gold        | accounts:read profile         | -       | -      | 200
            reader without the scope      | GET    | 192.0.2.1  | main | tier=gold        | profile                       | -       | -      | 403
            reader with wrong tier        | GET    | 192.0.2.1  | main | tier=bronze      | accounts:read                 | -       | -      | 403
            reader writing                | PUT    | 192.0.2.1  | main | tier=gold        | accounts:read                 | -       | -      | 403
            other provider                | GET    | 192.0.2.1  | misc | tier=gold        | accounts:read                 | -       | -      | 403
            batch consumer                | POST   | 10.1.2.3   | -    | -                | -                             | batch   | nightly| 200
            batch without header          | POST   | 10.1.2.3   | -    | -                | -                             | batch   | -      | 403
            batch from outside            | POST   | 192.0.2.9  | -    | -                | -                             | batch   | nightly| 403
            other consumer                | POST   | 10.1.2.3   | -    | -                | -                             | alice   | nightly| 403
            anonymous                     | GET    | 192.0.2.1  | -    | -                | -                             | -       | -      | 403
            """)
    void firstMatchingRuleDecides(String name, String method, String client, String provider, String claim,
                                  String scopes, String consumer, String job, int expected) {
        Exchange exchange = TestExchange.request(HttpMethod.valueOf(method), "/accounts").build();
        exchange.clientAddress(new InetSocketAddress(client, 1));
        if (job != null) {
            exchange.requestHeaders().set("x-job", job);
        }
        if (consumer != null) {
            exchange.attr(AuthAttributes.IDENTITY, new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.API_KEY));
        }
        if (provider != null) {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("u");
            String[] kv = claim.split("=");
            if (kv[0].equals("groups")) {
                claims.claim("groups", List.of("staff", kv[1]));
            } else {
                claims.claim("org", Map.of("tier", kv[1]));
            }
            if (scopes != null) {
                claims.claim("scope", scopes);
            }
            exchange.attr(AuthAttributes.JWT, new VerifiedJwt(provider, claims.build()));
        }

        FilterResult result = filter.onRequest(exchange);

        int status = result instanceof FilterResult.Respond r ? r.status() : 200;
        assertThat(status).isEqualTo(expected);
        if (status == 403 && provider != null) {
            assertThat(((FilterResult.Respond) result).headers().get("www-authenticate"))
                    .contains("error=\"insufficient_scope\"");
        }
    }

    @ParameterizedTest
    @CsvSource({"ALLOW, 200", "DENY, 403"})
    void defaultActionAppliesWhenNoRuleMatches(Action defaultAction, int expected) {
        AuthorizationFilter f = new AuthorizationFilter(new AuthorizationConfig(
                List.of(new Rule("only-posts", Action.DENY, Set.of("POST"), ANYONE)), defaultAction));

        FilterResult result = f.onRequest(TestExchange.request().build());

        assertThat(result instanceof FilterResult.Respond r ? r.status() : 200).isEqualTo(expected);
    }
}
