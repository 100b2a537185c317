package io.meshgate.proxy.upstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.EndpointSet;
import io.meshgate.proxy.upstream.EndpointStatus;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.PickContext;
import io.meshgate.proxy.upstream.health.HealthCheckConfig;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import io.meshgate.proxy.upstream.outlier.OutlierConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultClusterTest {

    private static final Endpoint A = new Endpoint("10.0.0.1", 80, 1);
    private static final Endpoint B = new Endpoint("10.0.0.2", 80, 1);
    private static final Endpoint C = new Endpoint("10.0.0.3", 80, 1);
    private static final PickContext FIRST = new PickContext(TestExchange.request().build(), 0, Set.of());

    private final VirtualRuntime runtime = new VirtualRuntime();

    @Test
    void roundRobinPicksEveryEndpointInTurn() {
        DefaultCluster cluster = new DefaultCluster(ClusterConfig.of("default/app", List.of(A, B, C))
                .withLoadBalancer(LoadBalancers.roundRobin()), runtime);
        Set<Endpoint> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            seen.add(cluster.pick(FIRST));
        }
        assertThat(seen).containsExactlyInAnyOrder(A, B, C);
        assertThat(runtime.schedulers).as("no timers without health checks or outlier detection").isZero();
    }

    @Test
    void unhealthyEndpointIsLeftOutOfANewSetAndComesBack() {
        ClusterConfig config = ClusterConfig.of("default/app", List.of(A, B, C))
                .withHealthCheck(new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/healthz", "GET", Set.of(200),
                        Duration.ofSeconds(2), Duration.ofSeconds(1), 1, 1));
        DefaultCluster cluster = new DefaultCluster(config, runtime);
        runtime.down.add(B);
        EndpointSet before = cluster.endpointSet();
        cluster.start();
        EndpointSet after = cluster.endpointSet();

        assertThat(after).isNotSameAs(before);
        assertThat(after.version()).isGreaterThan(before.version());
        assertThat(before.available()).hasSize(3); // the old set is never changed in place
        assertThat(after.available()).extracting(h -> h.endpoint()).containsExactly(A, C);
        for (int i = 0; i < 20; i++) {
            assertThat(cluster.pick(FIRST)).isNotEqualTo(B);
        }
        assertThat(cluster.endpointStatuses()).contains(new EndpointStatus(B, false, false, 0));

        runtime.down.clear();
        runtime.clock.advance(Duration.ofSeconds(2));
        assertThat(cluster.endpointSet().available()).hasSize(3);
    }

    @Test
    void outlierEjectionRemovesAnEndpointUntilItsTimeIsUp() {
        ClusterConfig config = ClusterConfig.of("default/app", List.of(A, B, C))
                .withLoadBalancer(LoadBalancers.leastRequest())
                .withOutlierDetection(new OutlierConfig(3, 0, 0, false, Duration.ofSeconds(1),
                        Duration.ofSeconds(10), Duration.ofSeconds(300), 50));
        DefaultCluster cluster = new DefaultCluster(config, runtime);
        cluster.start();
        for (int i = 0; i < 3; i++) {
            cluster.onTryStart(A);
            cluster.onTryEnd(A, Outcome.SERVER_ERROR, 1_000_000);
        }
        assertThat(cluster.endpointSet().available()).extracting(h -> h.endpoint()).containsExactly(B, C);
        assertThat(cluster.endpointStatuses().get(0)).isEqualTo(new EndpointStatus(A, true, true, 0));
        for (int i = 0; i < 50; i++) {
            assertThat(cluster.pick(FIRST)).isNotEqualTo(A);
        }
        runtime.clock.advance(Duration.ofSeconds(10));
        assertThat(cluster.endpointSet().available()).hasSize(3);
    }

    @Test
    void cancelledTriesNeverEject() {
        ClusterConfig config = ClusterConfig.of("default/app", List.of(A, B))
                .withOutlierDetection(new OutlierConfig(1, 1, 1, false, Duration.ofSeconds(1),
                        Duration.ofSeconds(10), Duration.ofSeconds(300), 50));
        DefaultCluster cluster = new DefaultCluster(config, runtime);
        cluster.start();
        for (int i = 0; i < 10; i++) {
            cluster.onTryStart(A);
            cluster.onTryCancelled(A);
        }
        assertThat(cluster.endpointSet().available()).hasSize(2);
        assertThat(cluster.endpointStatuses().get(0).activeRequests()).isZero();
        cluster.onTryStart(A);
        cluster.onTryEnd(A, Outcome.RESET, 1);
        assertThat(cluster.endpointSet().available()).hasSize(1);
    }

    @Test
    void noAvailableEndpointMeansNoPick() {
        ClusterConfig config = ClusterConfig.of("default/app", List.of(A))
                .withHealthCheck(HealthCheckConfig.http("/"));
        runtime.down.add(A);
        DefaultCluster cluster = new DefaultCluster(config, runtime);
        cluster.start();
        assertThat(cluster.pick(FIRST)).isNull();
        assertThat(new DefaultCluster(ClusterConfig.of("default/empty", List.of()), runtime).pick(FIRST)).isNull();
    }

    @Test
    void tryCountsFeedLeastRequest() {
        DefaultCluster cluster = new DefaultCluster(ClusterConfig.of("default/app", List.of(A, B))
                .withLoadBalancer(LoadBalancers.leastRequest()), runtime);
        cluster.onTryStart(A);
        cluster.onTryStart(A);
        for (int i = 0; i < 20; i++) {
            assertThat(cluster.pick(FIRST)).isEqualTo(B);
        }
        cluster.onTryEnd(A, Outcome.SUCCESS, 0);
        cluster.onTryEnd(A, Outcome.SUCCESS, 0);
        assertThat(cluster.endpointStatuses()).extracting(EndpointStatus::activeRequests).containsExactly(0, 0);
        cluster.onTryEnd(new Endpoint("192.0.2.9", 1, 1), Outcome.SUCCESS, 0); // unknown endpoint: ignored
    }

    @Test
    void circuitBreakerLimitsComeFromTheConfig() {
        DefaultCluster cluster = new DefaultCluster(ClusterConfig.of("default/app", List.of(A))
                .withLimits(new CircuitBreakerLimits(1, 1, 2, 0)), runtime);
        assertThat(cluster.tryAcquireRequest()).isTrue();
        assertThat(cluster.tryAcquireRequest()).isTrue();
        assertThat(cluster.tryAcquireRequest()).isFalse();
        assertThat(cluster.tryAcquireRetry()).isFalse();
        assertThat(cluster.tryAcquirePending()).isTrue();
        assertThat(cluster.tryAcquirePending()).isFalse();
        cluster.releaseRequest();
        assertThat(cluster.tryAcquireRequest()).isTrue();
    }

    @Test
    void closeStopsTimers() {
        ClusterConfig config = ClusterConfig.of("default/app", List.of(A))
                .withHealthCheck(HealthCheckConfig.http("/"))
                .withOutlierDetection(OutlierConfig.DEFAULTS);
        DefaultCluster cluster = new DefaultCluster(config, runtime);
        cluster.start();
        assertThat(runtime.clock.pending()).isEqualTo(2);
        cluster.close();
        assertThat(runtime.clock.pending()).isZero();
    }

    @Test
    void duplicateEndpointsAreRefused() {
        assertThatThrownBy(() -> ClusterConfig.of("default/app", List.of(A, new Endpoint("10.0.0.1", 80, 5))))
                .hasMessage("endpoints: 10.0.0.1:80 listed twice (expected: unique host:port)");
    }
}
