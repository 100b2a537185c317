package io.meshgate.proxy.upstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.health.HealthCheckConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {

    private static final Endpoint A = new Endpoint("10.0.0.1", 80, 1);
    private static final Endpoint B = new Endpoint("10.0.0.2", 80, 1);

    private final VirtualRuntime runtime = new VirtualRuntime();
    private final ClusterRegistry registry = new ClusterRegistry(runtime);

    private static ClusterConfig checked(String name, Endpoint... endpoints) {
        return ClusterConfig.of(name, List.of(endpoints)).withHealthCheck(HealthCheckConfig.http("/"));
    }

    @Test
    void unchangedClusterKeepsItsInstanceAndState() {
        ClusterRegistry.Update first = registry.prepare(List.of(checked("default/a", A), checked("default/b", B)));
        assertThat(runtime.clock.pending()).as("nothing starts before commit").isZero();
        first.commit();
        DefaultCluster a = first.cluster("default/a");
        runtime.down.add(A);
        runtime.clock.advance(Duration.ofSeconds(9)); // three failed checks, 3 s apart
        assertThat(a.endpointSet().available()).isEmpty();

        ClusterRegistry.Update second = registry.prepare(List.of(checked("default/a", A), checked("default/b", A, B)));
        second.commit();
        assertThat(second.cluster("default/a")).isSameAs(a);
        assertThat(a.endpointSet().available()).isEmpty(); // its health verdict survived the reload
        assertThat(second.cluster("default/b")).isNotSameAs(first.cluster("default/b"));
        assertThat(registry.active()).containsOnlyKeys("default/a", "default/b");
    }

    @Test
    void retiredClustersAreClosedOnCommit() {
        ClusterRegistry.Update first = registry.prepare(List.of(checked("default/a", A), checked("default/b", B)));
        first.commit();
        assertThat(runtime.clock.pending()).isEqualTo(2);
        registry.prepare(List.of(checked("default/a", A))).commit();
        assertThat(runtime.clock.pending()).isEqualTo(1);
        assertThat(registry.active()).containsOnlyKeys("default/a");
    }

    @Test
    void abortDiscardsNewClustersAndKeepsTheActiveOnes() {
        registry.prepare(List.of(checked("default/a", A))).commit();
        DefaultCluster a = registry.active().get("default/a");
        ClusterRegistry.Update failed = registry.prepare(List.of(checked("default/a", A, B)));
        failed.abort();
        assertThat(registry.active().get("default/a")).isSameAs(a);
        assertThat(runtime.clock.pending()).isEqualTo(1);
        assertThatThrownBy(failed::commit).hasMessage("update already committed or aborted");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> registry.prepare(List.of(checked("default/a", A), checked("default/a", B))))
                .hasMessage("clusters: default/a defined twice (expected: unique names)");
    }

    @Test
    void closeClosesEveryCluster() {
        registry.prepare(List.of(checked("default/a", A), checked("default/b", B))).commit();
        registry.close();
        assertThat(runtime.clock.pending()).isZero();
        assertThat(registry.active()).isEmpty();
    }
}
