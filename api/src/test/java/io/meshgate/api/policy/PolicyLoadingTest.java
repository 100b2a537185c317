package io.meshgate.api.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.ConfigError;
import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.TestConfigs;
import io.meshgate.api.policy.ratelimit.HeaderMatchType;
import io.meshgate.api.policy.ratelimit.RateLimitSpec;
import io.meshgate.api.policy.ratelimit.RateLimitUnit;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyLoadingTest {

    private static final String GATEWAY = TestConfigs.gateway("eg") + """
            ---
            """;

    private static LoadResult load(String yaml) {
        return new ConfigLoader().load("p.yaml", GATEWAY + yaml);
    }

    /** Envoy Gateway's documented BackendTrafficPolicy fields, written as its users write them. */
    @Test
    void backendTrafficPolicyInEnvoyGatewayShape() {
        LoadResult r = load("""
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: policy}
                spec:
                  targetRefs:
                  - group: gateway.networking.k8s.io
                    kind: Gateway
                    name: eg
                  loadBalancer:
                    type: ConsistentHash
                    consistentHash:
                      type: Cookie
                      cookie: {name: session, ttl: 60s, attributes: {SameSite: Strict}}
                  retry:
                    numRetries: 5
                    retryOn:
                      triggers: [5xx, gateway-error, reset, connect-failure, retriable-4xx, refused-stream,
                                 retriable-status-codes]
                      httpStatusCodes: [500, 503]
                    perRetry:
                      timeout: 250ms
                      backOff: {baseInterval: 100ms, maxInterval: 10s}
                  timeout:
                    tcp: {connectTimeout: 2s}
                    http: {requestTimeout: 30s, connectionIdleTimeout: 1h, maxConnectionDuration: 1h30m}
                  circuitBreaker:
                    maxConnections: 10
                    maxPendingRequests: 20
                    maxParallelRequests: 30
                    maxParallelRetries: 4
                    maxRequestsPerConnection: 100
                  healthCheck:
                    active:
                      type: HTTP
                      http: {path: /healthz, method: HEAD, expectedStatuses: [200, 204]}
                      interval: 5s
                      timeout: 1s
                      healthyThreshold: 2
                      unhealthyThreshold: 4
                    passive:
                      consecutive5XxErrors: 3
                      consecutiveGatewayErrors: 2
                      consecutiveLocalOriginFailures: 1
                      interval: 2s
                      baseEjectionTime: 10s
                      maxEjectionPercent: 50
                  rateLimit:
                    type: Local
                    local:
                      rules:
                      - clientSelectors:
                        - headers: [{name: x-user-id, type: Distinct}]
                          sourceCIDR: {type: Distinct, value: 10.0.0.0/8}
                        limit: {requests: 10, unit: Second}
                      - limit: {requests: 1000, unit: Hour}
                """);
        assertThat(r.errors()).isEmpty();
        LoadResult again = new ConfigLoader().load("p.json", r.resources().toJson(true));
        assertThat(again.errors()).isEmpty();
        assertThat(again.resources().all()).isEqualTo(r.resources().all());
        BackendTrafficPolicySpec s = r.resources().backendTrafficPolicies().get(0).spec();
        assertThat(s.targetRefs()).containsExactly(new PolicyTargetReference(null, "Gateway", "eg", null));
        assertThat(s.loadBalancer().consistentHash().cookie().ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.retry().numRetries()).isEqualTo(5);
        assertThat(s.retry().retryOn().triggers()).hasSize(7).startsWith(RetryTrigger.FIVE_XX);
        assertThat(s.retry().perRetry().backOff().maxInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.timeout().http().maxConnectionDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.circuitBreaker().maxParallelRetries()).isEqualTo(4);
        assertThat(s.healthCheck().active().http().expectedStatuses()).containsExactly(200, 204);
        assertThat(s.healthCheck().passive().splitExternalLocalOriginErrors()).isFalse();
        RateLimitSpec rl = s.rateLimit();
        assertThat(rl.local().rules()).hasSize(2);
        assertThat(rl.local().rules().get(0).clientSelectors().get(0).headers().get(0).type())
                .isEqualTo(HeaderMatchType.Distinct);
        assertThat(rl.local().rules().get(1).limit().unit()).isEqualTo(RateLimitUnit.Hour);
        assertThat(rl.local().rules().get(0).clientSelectors().get(0).sourceCIDR().cidr().contains(
                new byte[] {10, 1, 2, 3})).isTrue();
    }

    @Test
    void defaultsFollowEnvoyGateway() {
        LoadResult r = load("""
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: policy}
                spec:
                  targetRefs: [{kind: Gateway, name: eg}]
                  retry: {}
                  circuitBreaker: {}
                  healthCheck:
                    active: {type: HTTP, http: {path: /}}
                    passive: {}
                """);
        assertThat(r.errors()).isEmpty();
        BackendTrafficPolicySpec s = r.resources().backendTrafficPolicies().get(0).spec();
        assertThat(s.retry().numRetries()).isEqualTo(2);
        assertThat(s.retry().retryOn().triggers()).containsExactly(RetryTrigger.CONNECT_FAILURE,
                RetryTrigger.REFUSED_STREAM, RetryTrigger.RETRIABLE_STATUS_CODES);
        assertThat(s.retry().retryOn().httpStatusCodes()).containsExactly(503);
        assertThat(s.retry().perRetry().timeout()).isNull();
        assertThat(s.retry().perRetry().backOff().baseInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(s.retry().perRetry().backOff().maxInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.circuitBreaker()).isEqualTo(new CircuitBreaker(1024, 1024, 1024, 1024, 0));
        assertThat(s.healthCheck().active()).isEqualTo(new HealthCheck.Active(HealthCheck.ActiveType.HTTP,
                new HealthCheck.HttpProbe("/", "GET", List.of(200)), Duration.ofSeconds(1), Duration.ofSeconds(3), 3, 1));
        assertThat(s.healthCheck().passive()).isEqualTo(new HealthCheck.Passive(false, Duration.ofSeconds(3), 5, 0, 5,
                Duration.ofSeconds(30), 10));
        assertThat(s.loadBalancer()).isNull();
    }

    @Test
    void clientTrafficPolicy() {
        LoadResult r = load("""
                apiVersion: meshgate.io/v1alpha1
                kind: ClientTrafficPolicy
                metadata: {name: client}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: eg, sectionName: http}]
                  timeout:
                    http: {requestReceivedTimeout: 30s, idleTimeout: 2m, requestHeadersTimeout: 5s}
                  connection: {connectionLimit: {value: 500}}
                  clientIPDetection: {xForwardedFor: {numTrustedHops: 2}}
                  http2: {maxConcurrentStreams: 250}
                  headers: {maxRequestHeadersKb: 32, maxRequestHeaders: 50, maxRequestLineBytes: 4096}
                  requestBody: {maxBytes: 1048576}
                """);
        assertThat(r.errors()).isEmpty();
        ClientTrafficPolicySpec s = r.resources().clientTrafficPolicies().get(0).spec();
        assertThat(s.timeout().http().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.connection().connectionLimit().value()).isEqualTo(500);
        assertThat(s.clientIPDetection().xForwardedFor().numTrustedHops()).isEqualTo(2);
        assertThat(s.http2().maxConcurrentStreams()).isEqualTo(250);
        assertThat(s.headers().maxRequestLineBytes()).isEqualTo(4096);
        assertThat(s.requestBody().maxBytes()).isEqualTo(1 << 20);
    }

    /** A {@code meshgate.io/v1alpha1} resource of {@code kind} named {@code name}, {@code spec} in flow style. */
    private static String resource(String kind, String name, String spec) {
        return "apiVersion: meshgate.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec: " + spec;
    }

    static Stream<Arguments> badPolicies() {
        String btp = "apiVersion: meshgate.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata: {name: p}\n"
                     + "spec:\n  targetRefs: [{kind: Gateway, name: eg}]\n  ";
        String at = "p.yaml: BackendTrafficPolicy default/p: spec.";
        return Stream.of(
                Arguments.of(btp + "loadBalancer: {type: ConsistentHash}",
                        at + "loadBalancer.consistentHash: required when type is ConsistentHash"),
                Arguments.of(btp + "loadBalancer: {type: LeastRequest, consistentHash: {type: SourceIP}}",
                        at + "loadBalancer.consistentHash: must be absent when type is LeastRequest"),
                Arguments.of(btp + "loadBalancer: {type: ConsistentHash, consistentHash: {type: Header}}",
                        at + "loadBalancer.consistentHash.header: required when type is Header"),
                Arguments.of(btp + "loadBalancer: {type: Fastest}",
                        at + "loadBalancer.type: \"Fastest\" (expected one of: RoundRobin, LeastRequest, Random, "
                        + "ConsistentHash)"),
                Arguments.of(btp + "retry: {retryOn: {triggers: [5xx, teapot]}}",
                        at + "retry.retryOn.triggers[1]: \"teapot\" (expected one of: 5xx, gateway-error, reset, "
                        + "connect-failure, retriable-4xx, refused-stream, retriable-status-codes)"),
                Arguments.of(btp + "retry: {retryOn: {triggers: [5xx], httpStatusCodes: [502]}}",
                        at + "retry.retryOn.httpStatusCodes: only used with the retriable-status-codes trigger "
                        + "(expected: add it to triggers)"),
                Arguments.of(btp + "retry: {numRetries: -1}", at + "retry.numRetries: -1 (expected: >= 0)"),
                Arguments.of(btp + "retry: {perRetry: {backOff: {baseInterval: 1s, maxInterval: 500ms}}}",
                        at + "retry.perRetry.backOff.maxInterval: 500ms (expected: >= baseInterval 1s)"),
                Arguments.of(btp + "timeout: {tcp: {connectTimeout: 10}}",
                        at + "timeout.tcp.connectTimeout: 10 (expected: a duration such as 10s, 500ms or 1h30m)"),
                Arguments.of(btp + "circuitBreaker: {maxConnections: -5}",
                        at + "circuitBreaker.maxConnections: -5 (expected: >= 0)"),
                Arguments.of(btp + "healthCheck: {active: {type: TCP}}",
                        at + "healthCheck.active.type: \"TCP\" (expected one of: HTTP)"),
                Arguments.of(btp + "healthCheck: {active: {type: HTTP, http: {path: healthz}}}",
                        at + "healthCheck.active.http.path: \"healthz\" (expected: a path starting with /)"),
                Arguments.of(btp + "healthCheck: {passive: {maxEjectionPercent: 101}}",
                        at + "healthCheck.passive.maxEjectionPercent: 101 (expected: 0..100)"),
                Arguments.of(btp + "rateLimit: {type: Global, local: {rules: [{limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.global: required when type is Global"),
                Arguments.of(btp + "rateLimit: {local: {rules: [{limit: {requests: 1, unit: Week}}]}}",
                        at + "rateLimit.local.rules[0].limit.unit: \"Week\" (expected one of: Second, Minute, Hour, Day)"),
                Arguments.of(btp + "rateLimit: {local: {rules: [{clientSelectors: [{sourceCIDR: {value: 10.0.0.0/33}}], "
                                 + "limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.local.rules[0].clientSelectors[0].sourceCIDR.value: \"10.0.0.0/33\" "
                        + "(expected: a prefix length 0..32)"),
                Arguments.of(btp + "rateLimit: {local: {rules: [{clientSelectors: [{headers: [{name: x, type: Distinct, "
                                 + "value: a}]}], limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.local.rules[0].clientSelectors[0].headers[0].value: must be absent when type is "
                        + "Distinct"),
                Arguments.of(btp + "rateLimit: {local: {rules: [{clientSelectors: [{}], limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.local.rules[0].clientSelectors[0].headers: required unless sourceCIDR or consumer "
                        + "is set (expected: at least one condition)"),
                Arguments.of(btp + "rateLimit: {local: {rules: [{clientSelectors: [{consumer: {type: Exact}}], "
                                 + "limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.local.rules[0].clientSelectors[0].consumer.value: required"),
                Arguments.of(btp + "rateLimit: {local: {rules: [{limit: {requests: 1, unit: Second, burst: 0}}]}}",
                        at + "rateLimit.local.rules[0].limit.burst: 0 (expected: >= 1)"),
                Arguments.of(btp + "rateLimit: {global: {rules: [{limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.global.redis: required"),
                Arguments.of(btp + "rateLimit: {global: {redis: {url: \"localhost:6379\"}, "
                                 + "rules: [{limit: {requests: 1, unit: Second}}]}}",
                        at + "rateLimit.global.redis.url: \"localhost:6379\" (expected: redis://host:port or "
                        + "rediss://host:port)"),
                Arguments.of(resource("ClientTrafficPolicy", "c", "{targetRefs: [{kind: HTTPRoute, name: r}]}"),
                        "p.yaml: ClientTrafficPolicy default/c: spec.targetRefs[0].kind: \"HTTPRoute\" (expected: Gateway "
                        + "in group gateway.networking.k8s.io)"),
                Arguments.of(resource("ClientTrafficPolicy", "c",
                                "{targetRefs: [{kind: Gateway, name: eg}], headers: {maxRequestHeadersKb: 0}}"),
                        "p.yaml: ClientTrafficPolicy default/c: spec.headers.maxRequestHeadersKb: 0 (expected: 1..8192)"),
                Arguments.of(resource("ClientTrafficPolicy", "c", "{targetRefs: []}"),
                        "p.yaml: ClientTrafficPolicy default/c: spec.targetRefs: required (expected: 1..16 entries)"),
                Arguments.of(resource("Backend", "b", "{endpoints: [{address: a, port: 1}], tls: {sni: x}}"),
                        "p.yaml: Backend default/b: spec.tls: must be absent when appProtocol is http"),
                Arguments.of(resource("Backend", "b", "{appProtocol: https, endpoints: [{address: a, port: 1}], "
                             + "tls: {caCertificateRefs: [{name: ca}]}}"),
                        "p.yaml: Backend default/b: spec.tls.caCertificateRefs[0]: Secret default/ca not found"));
    }

    @ParameterizedTest
    @MethodSource("badPolicies")
    void rejectedWithExactMessage(String yaml, String expected) {
        assertThat(load(yaml).errors()).extracting(ConfigError::toString).containsExactly(expected);
    }
}
