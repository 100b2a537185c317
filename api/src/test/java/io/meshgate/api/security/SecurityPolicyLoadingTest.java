package io.meshgate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigError;
import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityPolicyLoadingTest {

    private static final String KEY_HASH = ApiKeys.hash("mgk_test-key");
    private static final String BCRYPT = "$2y$10$abcdefghijklmnopqrstuu3CUe6ZmiH0fhUtV9lVxkW4K3.4fJ3HG";
    private static final String BASE = TestConfigs.gateway("eg") + """
            ---
            apiVersion: meshgate.io/v1alpha1
            kind: Backend
            metadata: {name: authz}
            spec:
              endpoints: [{address: 127.0.0.1, port: 9000}]
            ---
            apiVersion: meshgate.io/v1alpha1
            kind: Consumer
            metadata: {name: alice, labels: {tier: gold}}
            spec:
              credentials:
                apiKeys: [{hash: "%s", createdAt: "2025-01-31T12:00:00Z"}]
                basicAuth: {passwordHash: "%s"}
                clientCertificates: [{subject: "CN=alice,O=Acme"}, {san: "spiffe://bank.local/ns/default/sa/alice"}]
            ---
            """.formatted(KEY_HASH, BCRYPT);

    private static LoadResult load(String yaml) {
        return new ConfigLoader().load("sec.yaml", BASE + yaml);
    }

    private static String policy(String spec) {
        return """
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: sp}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg}]
                %s
                """.formatted(spec.indent(2).stripTrailing());
    }

    /** Envoy Gateway's SecurityPolicy fields, as its users write them, plus meshgate's Consumers. */
    @Test
    void loadsEveryBlockInEnvoyGatewayShape() {
        LoadResult r = load(policy("""
                apiKeyAuth:
                  credentialRefs: [{group: meshgate.io, kind: Consumer, name: alice}]
                  extractFrom: [{headers: [x-api-key]}, {params: [api_key]}]
                  forwardClientIDHeader: x-client-id
                jwt:
                  optional: false
                  providers:
                  - name: idp
                    issuer: https://idp.example.com
                    audiences: [bank-api]
                    remoteJWKS: {uri: https://idp.example.com/.well-known/jwks.json, cacheDuration: 10m}
                    claimToHeaders: [{header: x-user, claim: sub}, {header: x-team, claim: org.team}]
                    extractFrom: {headers: [{name: authorization, valuePrefix: "Bearer "}], params: [token]}
                  - name: local
                    localJWKS: {type: Inline, inline: '{"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b"}]}'}
                    clockSkew: 30s
                basicAuth:
                  consumerSelector: {matchLabels: {tier: gold}}
                clientCertificateAuth: {optional: true}
                extAuth:
                  http:
                    backendRefs: [{name: authz, port: 9000}]
                    path: /check/
                    headersToBackend: [x-user-role]
                  headersToExtAuth: [cookie]
                  failOpen: true
                  timeout: 500ms
                cors:
                  allowOrigins: ["https://app.example.com", "https://*.example.org", "http://localhost:*"]
                  allowMethods: [GET, POST, DELETE]
                  allowHeaders: [content-type, x-api-key]
                  exposeHeaders: [x-request-id]
                  maxAge: 1h
                  allowCredentials: true
                authorization:
                  defaultAction: Deny
                  rules:
                  - name: office
                    action: Allow
                    principal: {clientCIDRs: [10.0.0.0/8, "2001:db8::/32"]}
                  - action: Allow
                    operation: {methods: [GET]}
                    principal:
                      jwt:
                        provider: idp
                        scopes: [accounts:read]
                        claims: [{name: groups, valueType: StringArray, values: [staff]}]
                      headers: [{name: x-tenant, values: [acme]}]
                """));

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        SecurityPolicySpec s = r.resources().all(SecurityPolicy.class).get(0).spec();
        assertThat(s.apiKeyAuth().extractFrom()).hasSize(2);
        assertThat(s.apiKeyAuth().sanitize()).isTrue();
        assertThat(s.jwt().providers().get(0).remoteJWKS().cacheDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.jwt().providers().get(0).clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.basicAuth().forwardUsernameHeader()).isEqualTo("x-consumer-name");
        assertThat(s.extAuth().http().path()).isEqualTo("/check");
        assertThat(s.extAuth().http().backend().name()).isEqualTo("authz");
        assertThat(s.cors().maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(s.authorization().rules().get(1).principal().jwt().claims().get(0).valueType())
                .isEqualTo(Authorization.Claim.ValueType.StringArray);
        Consumer alice = r.resources().all(Consumer.class).get(0);
        assertThat(alice.spec().credentials().apiKeys().get(0).id()).isEqualTo(ApiKeys.id(KEY_HASH));
        assertThat(r.resources().toJson()).doesNotContain("grpc");
        LoadResult again = new ConfigLoader().load("again.json", r.resources().toJson(true));
        assertThat(again.errors()).isEmpty();
        assertThat(again.resources().all()).isEqualTo(r.resources().all());
    }

    static Stream<Arguments> badConfigs() {
        String at = "sec.yaml: SecurityPolicy default/sp: spec.";
        return Stream.of(
                Arguments.of(policy("apiKeyAuth: {extractFrom: []}"),
                        at + "apiKeyAuth.extractFrom: required (expected: 1..16 entries)"),
                Arguments.of(policy("apiKeyAuth: {extractFrom: [{headers: [x-key], params: [key]}]}"),
                        at + "apiKeyAuth.extractFrom[0].headers: set together with params or cookies (expected: "
                        + "exactly one of headers, params, cookies)"),
                Arguments.of(policy("apiKeyAuth: {credentialRefs: [{kind: Secret, group: '', name: keys}], "
                                    + "extractFrom: [{headers: [x-key]}]}"),
                        at + "apiKeyAuth.credentialRefs[0].kind: \"Secret\" (expected: meshgate.io/Consumer; API keys "
                        + "and passwords live in Consumers, hashed)"),
                Arguments.of(policy("apiKeyAuth: {credentialRefs: [{name: bob}], extractFrom: [{headers: [x-key]}]}"),
                        at + "apiKeyAuth.credentialRefs[0].name: Consumer default/bob not found"),
                Arguments.of(policy("jwt: {providers: [{name: a}]}"),
                        at + "jwt.providers[0].remoteJWKS: required unless localJWKS is set (expected: exactly one "
                        + "of remoteJWKS, localJWKS)"),
                Arguments.of(policy("jwt: {providers: [{name: a, remoteJWKS: {uri: 'ftp://x/jwks'}}]}"),
                        at + "jwt.providers[0].remoteJWKS.uri: \"ftp://x/jwks\" (expected: an http or https URL)"),
                Arguments.of(policy("jwt: {providers: [{name: a, localJWKS: {inline: '{\"kids\": []}'}}]}"),
                        at + "jwt.providers[0].localJWKS.inline: no \"keys\" array (expected: a JWK Set, RFC 7517 §5, "
                        + "with at least one key)"),
                Arguments.of(policy("jwt: {providers: [{name: a, remoteJWKS: {uri: 'https://i/j'}}, "
                                    + "{name: a, remoteJWKS: {uri: 'https://i/k'}}]}"),
                        at + "jwt.providers[1].name: \"a\" is used twice (expected: distinct provider names)"),
                Arguments.of(policy("jwt: {providers: [{name: a, remoteJWKS: {uri: 'https://i/j'}, clockSkew: 1h}]}"),
                        at + "jwt.providers[0].clockSkew: 3600s (expected: at most 10m)"),
                Arguments.of(policy("authorization: {rules: [{action: Allow, principal: {jwt: {provider: idp, "
                                    + "scopes: [x]}}}]}"),
                        at + "authorization.rules[0].principal.jwt.provider: \"idp\" (expected: the name of one of "
                        + "this policy's jwt.providers)"),
                Arguments.of(policy("authorization: {rules: [{action: Allow, principal: {clientCIDRs: [10.0.0.0/33]}}]}"),
                        at + "authorization.rules[0].principal.clientCIDRs[0]: \"10.0.0.0/33\" (expected: a prefix "
                        + "length 0..32)"),
                Arguments.of(policy("authorization: {rules: [{action: Allow, principal: {}}]}"),
                        at + "authorization.rules[0].principal.clientCIDRs: required unless jwt, headers or consumers "
                        + "is set (expected: at least one principal)"),
                Arguments.of(policy("authorization: {rules: [{action: Permit, principal: {consumers: [a]}}]}"),
                        at + "authorization.rules[0].action: \"Permit\" (expected one of: Allow, Deny)"),
                Arguments.of(policy("cors: {allowOrigins: ['*'], allowCredentials: true}"),
                        at + "cors.allowOrigins[0]: \"*\" with allowCredentials would let every site read responses "
                        + "with the user's cookies (expected: the allowed origins listed)"),
                Arguments.of(policy("cors: {allowOrigins: ['https://a.*.com']}"),
                        at + "cors.allowOrigins[0]: \"https://a.*.com\" (expected: *, or http(s)://host[:port] where "
                        + "host may start with *. and port may be *)"),
                Arguments.of(policy("extAuth: {grpc: {backendRef: {name: authz}}}"),
                        at + "extAuth.grpc: not supported (expected: http)"),
                Arguments.of(policy("extAuth: {http: {url: 'http://a/x', backendRefs: [{name: authz}]}}"),
                        at + "extAuth.http.backendRefs: set together with backendRef or url (expected: exactly one of "
                        + "backendRefs, backendRef, url)"),
                Arguments.of(policy("extAuth: {http: {backendRefs: [{name: nope}]}}"),
                        at + "extAuth.http.backendRefs[0].name: Backend default/nope not found"),
                Arguments.of(policy("extAuth: {http: {url: 'http://a'}, timeout: 0s}"),
                        at + "extAuth.timeout: 0s (expected: > 0)"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void rejectsBadPolicyWithFileResourceFieldAndReason(String yaml, String expected) {
        LoadResult r = load(yaml);

        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(expected);
    }

    static Stream<Arguments> badConsumers() {
        String at = "sec.yaml: Consumer default/bob: spec.credentials.";
        return Stream.of(
                Arguments.of("apiKeys: [{hash: mgk_plainkeypastedhere12345}]", at + "apiKeys[0].hash: "
                        + "\"mgk_plainkeypastedhe...\" (expected: sha256:<64 lower-case hex digits>; make keys with "
                        + "meshgate key create)"),
                Arguments.of("apiKeys: [{hash: \"" + KEY_HASH + "\"}]", at + "apiKeys[0].hash: Consumer default/alice "
                        + "has this key too (expected: each credential to identify one Consumer)"),
                Arguments.of("apiKeys: [{id: abc, hash: \"" + ApiKeys.hash("other") + "\"}]", at + "apiKeys[0].id: "
                        + "\"abc\" (expected: " + ApiKeys.id(ApiKeys.hash("other")) + ", the start of the hash)"),
                Arguments.of("basicAuth: {passwordHash: hunter2}", at + "basicAuth.passwordHash: not a bcrypt hash "
                        + "(expected: $2y$<cost>$<53 characters>; never a plain password)"),
                Arguments.of("basicAuth: {username: alice, passwordHash: \"" + BCRYPT + "\"}", at + "basicAuth.username: "
                        + "Consumer default/alice has user name alice too (expected: each credential to identify one "
                        + "Consumer)"),
                Arguments.of("clientCertificates: [{subject: 'cn=ALICE, o=acme'}]", at + "clientCertificates[0]: "
                        + "Consumer default/alice has this certificate identity too (expected: each credential to "
                        + "identify one Consumer)"),
                Arguments.of("clientCertificates: [{subject: 'CN=x', san: 'dns:x'}]", at + "clientCertificates[0]"
                        + ".subject: set together with san (expected: exactly one of subject, san)"));
    }

    @ParameterizedTest
    @MethodSource("badConsumers")
    void rejectsBadConsumers(String credentials, String expected) {
        LoadResult r = load("""
                apiVersion: meshgate.io/v1alpha1
                kind: Consumer
                metadata: {name: bob}
                spec:
                  credentials: {%s}
                """.formatted(credentials.replaceAll("^\\{|}$", "").isEmpty() ? credentials : credentials));

        assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(expected);
    }

    @Test
    void warnsWhenNoConsumerCanAuthenticate() {
        LoadResult r = load(policy("apiKeyAuth: {consumerSelector: {matchLabels: {tier: silver}}, "
                                   + "extractFrom: [{headers: [x-key]}]}"));

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).containsExactly("sec.yaml: SecurityPolicy default/sp: spec.apiKeyAuth: no accepted "
                + "Consumer in namespace default has API keys; every request will be refused");
    }

    @Test
    void consumerWithoutSpecLoads() {
        LoadResult r = load("""
                apiVersion: meshgate.io/v1alpha1
                kind: Consumer
                metadata: {name: carol}
                """);

        assertThat(r.errors()).isEmpty();
        assertThat(r.resources().find(Consumer.class, "default", "carol").orElseThrow().spec().credentials().apiKeys())
                .isEqualTo(List.of());
    }
}
