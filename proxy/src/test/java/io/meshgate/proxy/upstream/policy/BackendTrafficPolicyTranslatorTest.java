package io.meshgate.proxy.upstream.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.RetryTrigger;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.cluster.CircuitBreakerLimits;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import io.meshgate.proxy.upstream.health.HealthCheckConfig;
import io.meshgate.proxy.upstream.lb.HashKey;
import io.meshgate.proxy.upstream.lb.LoadBalancer;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import io.meshgate.proxy.upstream.outlier.OutlierConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackendTrafficPolicyTranslatorTest {

    private static final UpstreamSettings H2C = new UpstreamSettings(UpstreamProtocol.H2C, false, "", false,
            Duration.ofSeconds(10), Duration.ofSeconds(60), 0);
    private static final ClusterConfig BASE = ClusterConfig.of("default/shop",
            List.of(new Endpoint("127.0.0.1", 9001, 1), new Endpoint("127.0.0.1", 9002, 3)))
            .withLoadBalancer(LoadBalancers.roundRobin()).withSettings(H2C);
    private static final String NAME = "default/shop@default/shop";

    private final BackendTrafficPolicyTranslator translator = new BackendTrafficPolicyTranslator();

    private ClusterConfig cluster(String spec) {
        return translator.cluster(BASE, NAME, Policies.spec(spec));
    }

    @Test
    void policyWithoutBlocksKeepsEnvoyGatewayDefaults() {
        BackendTrafficPolicy p = Policies.spec("rateLimit: {type: Local, local: {rules: [{limit: {requests: 1, unit: Second}}]}}");
        ClusterConfig c = translator.cluster(BASE, NAME, p);
        assertThat(c.name()).isEqualTo(NAME);
        assertThat(c.endpoints()).isEqualTo(BASE.endpoints());
        assertThat(c.settings()).isEqualTo(H2C);
        assertThat(c.loadBalancer()).isEqualTo(LoadBalancers.leastRequest());
        assertThat(c.healthCheck()).isNull();
        assertThat(c.outlierDetection()).isNull();
        assertThat(c.limits()).isEqualTo(CircuitBreakerLimits.DEFAULTS);
        assertThat(translator.retry(p)).isEqualTo(RetryPolicy.NONE);
        RouteTimeouts own = new RouteTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertThat(translator.timeouts(own, p)).isSameAs(own);
    }

    static Stream<Arguments> loadBalancers() {
        return Stream.of(
                Arguments.of("{type: RoundRobin}", LoadBalancers.roundRobin()),
                Arguments.of("{type: LeastRequest}", LoadBalancers.leastRequest()),
                Arguments.of("{type: Random}", LoadBalancers.random()),
                Arguments.of("{type: ConsistentHash, consistentHash: {type: SourceIP}}",
                        LoadBalancers.consistentHash(HashKey.sourceIp())),
                Arguments.of("{type: ConsistentHash, consistentHash: {type: Header, header: {name: x-user}}}",
                        LoadBalancers.consistentHash(HashKey.header("x-user"))),
                Arguments.of("{type: ConsistentHash, consistentHash: {type: Cookie, cookie: {name: session}}}",
                        LoadBalancers.consistentHash(HashKey.cookie("session"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadBalancers")
    void loadBalancerTypes(String yaml, LoadBalancer expected) {
        assertThat(cluster("loadBalancer: " + yaml).loadBalancer()).isEqualTo(expected);
    }

    @Test
    void activeHealthCheck() {
        ClusterConfig c = cluster("""
                healthCheck:
                  active:
                    type: HTTP
                    http: {path: /healthz, method: HEAD, expectedStatuses: [200, 204]}
                    interval: 5s
                    timeout: 500ms
                    healthyThreshold: 2
                    unhealthyThreshold: 4
                """);
        assertThat(c.healthCheck()).isEqualTo(new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/healthz", "HEAD",
                Set.of(200, 204), Duration.ofSeconds(5), Duration.ofMillis(500), 2, 4));
        assertThat(cluster("healthCheck: {active: {type: HTTP, http: {path: /}}}").healthCheck())
                .isEqualTo(HealthCheckConfig.http("/"));
    }

    @Test
    void passiveOutlierDetection() {
        ClusterConfig c = cluster("""
                healthCheck:
                  passive:
                    splitExternalLocalOriginErrors: true
                    interval: 2s
                    consecutiveLocalOriginFailures: 3
                    consecutiveGatewayErrors: 4
                    consecutive5XxErrors: 6
                    baseEjectionTime: 20s
                    maxEjectionPercent: 50
                """);
        assertThat(c.outlierDetection()).isEqualTo(new OutlierConfig(6, 4, 3, true, Duration.ofSeconds(2),
                Duration.ofSeconds(20), Duration.ofSeconds(300), 50));
        assertThat(cluster("healthCheck: {passive: {}}").outlierDetection()).isEqualTo(OutlierConfig.DEFAULTS);
        assertThat(cluster("healthCheck: {passive: {baseEjectionTime: 10m}}").outlierDetection().maxEjectionTime())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void circuitBreakerAndConnectionSettings() {
        ClusterConfig c = cluster("""
                circuitBreaker: {maxConnections: 10, maxPendingRequests: 20, maxParallelRequests: 30,
                                 maxParallelRetries: 3, maxRequestsPerConnection: 100}
                timeout:
                  tcp: {connectTimeout: 2s}
                  http: {connectionIdleTimeout: 30s}
                """);
        assertThat(c.limits()).isEqualTo(new CircuitBreakerLimits(10, 20, 30, 3));
        assertThat(c.settings()).isEqualTo(new UpstreamSettings(UpstreamProtocol.H2C, false, "", false,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 100));
    }

    @Test
    void unsupportedFieldsAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> cluster("timeout: {http: {maxConnectionDuration: 1h}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout.http.maxConnectionDuration: not supported yet (expected: absent; idle "
                        + "connections are closed after connectionIdleTimeout)");
        assertThatThrownBy(() -> cluster("healthCheck: {passive: {baseEjectionTime: 0s}}"))
                .hasMessage("healthCheck.passive.baseEjectionTime: 0s (expected: > 0)");
        assertThatThrownBy(() -> cluster("timeout: {tcp: {connectTimeout: 0s}}"))
                .hasMessage("timeout.tcp.connectTimeout: 0s (expected: > 0)");
    }

    @Test
    void retries() {
        BackendTrafficPolicy p = Policies.spec("""
                retry:
                  numRetries: 3
                  retryOn:
                    triggers: [5xx, gateway-error, reset, connect-failure, retriable-4xx, refused-stream, retriable-status-codes]
                    httpStatusCodes: [429, 503]
                  perRetry:
                    timeout: 250ms
                    backOff: {baseInterval: 100ms, maxInterval: 2s}
                """);
        assertThat(translator.retry(p)).isEqualTo(new RetryPolicy(3, Duration.ofMillis(250),
                Set.of(RetryTrigger.values()), Set.of(429, 503), Duration.ofMillis(100), Duration.ofSeconds(2),
                64 * 1024));

        // Envoy Gateway's defaults: 2 retries on connect-failure, refused-stream and 503, 25 ms / 250 ms backoff.
        RetryPolicy defaults = translator.retry(Policies.spec("retry: {}"));
        assertThat(defaults.numRetries()).isEqualTo(2);
        assertThat(defaults.triggers()).containsExactlyInAnyOrder(RetryTrigger.CONNECT_FAILURE,
                RetryTrigger.REFUSED_STREAM, RetryTrigger.RETRIABLE_STATUS_CODES);
        assertThat(defaults.retriableStatusCodes()).containsExactly(503);
        assertThat(defaults.perTryTimeout()).isZero();
        assertThat(defaults.backoffBase()).isEqualTo(Duration.ofMillis(25));
        assertThat(defaults.backoffMax()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void requestTimeoutFillsInOnlyWhatTheRouteLeavesOpen() {
        BackendTrafficPolicy p = Policies.spec("timeout: {http: {requestTimeout: 7s}}");
        assertThat(translator.timeouts(RouteTimeouts.NONE, p))
                .isEqualTo(new RouteTimeouts(Duration.ofSeconds(7), Duration.ZERO));
        RouteTimeouts own = new RouteTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(translator.timeouts(own, p)).isEqualTo(own);
        assertThat(translator.timeouts(new RouteTimeouts(Duration.ZERO, Duration.ofSeconds(1)), p))
                .isEqualTo(new RouteTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(1)));
    }

    @Test
    void equalPoliciesGiveEqualClusterConfigsSoTheRegistryKeepsTheCluster() {
        String spec = """
                loadBalancer: {type: ConsistentHash, consistentHash: {type: Header, header: {name: x-user}}}
                healthCheck: {active: {type: HTTP, http: {path: /healthz}}, passive: {}}
                circuitBreaker: {maxConnections: 5}
                """;
        assertThat(cluster(spec)).isEqualTo(cluster(spec));
        assertThat(cluster(spec)).isNotEqualTo(cluster(spec.replace("maxConnections: 5", "maxConnections: 6")));
    }
}
