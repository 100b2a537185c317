package io.meshgate.proxy.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {

    private static final HealthCheckConfig CONFIG = new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/healthz",
            "GET", Set.of(200), Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3);

    private final VirtualScheduler clock = new VirtualScheduler();
    private final ScriptedProbe probe = new ScriptedProbe();
    private final AtomicInteger changes = new AtomicInteger();
    private final List<Host> hosts = List.of(new Host(new Endpoint("10.0.0.1", 80, 1), 0),
            new Host(new Endpoint("10.0.0.2", 80, 1), 1));
    private final Host a = hosts.get(0);

    private HealthChecker start() {
        HealthChecker checker = new HealthChecker("default/app", CONFIG, hosts, clock, probe, changes::incrementAndGet);
        checker.start();
        return checker;
    }

    @Test
    void firstFailedCheckFailsAHostAtOnce() {
        probe.script(a, false);
        start();
        assertThat(a.failedHealthCheck()).isTrue();
        assertThat(hosts.get(1).failedHealthCheck()).isFalse();
        assertThat(changes.get()).isEqualTo(1);
    }

    @Test
    void unhealthyThresholdFailuresInARowFailAHealthyHost() {
        probe.script(a, true, false, false, true, false, false, false);
        start(); // t=0 passes
        clock.advance(Duration.ofSeconds(10)); // t=5 fails, t=10 fails
        assertThat(a.failedHealthCheck()).isFalse();
        clock.advance(Duration.ofSeconds(10)); // t=15 passes (run broken), t=20 fails
        assertThat(a.failedHealthCheck()).isFalse();
        clock.advance(Duration.ofSeconds(10)); // t=25, t=30 fail: three in a row
        assertThat(a.failedHealthCheck()).isTrue();
        assertThat(changes.get()).isEqualTo(1);
    }

    @Test
    void healthyThresholdSuccessesInARowRestoreIt() {
        probe.script(a, false, true, false, true, true);
        start();
        assertThat(a.failedHealthCheck()).isTrue();
        clock.advance(Duration.ofSeconds(15)); // pass, fail, pass
        assertThat(a.failedHealthCheck()).isTrue();
        clock.advance(Duration.ofSeconds(5)); // second pass in a row
        assertThat(a.failedHealthCheck()).isFalse();
        assertThat(changes.get()).isEqualTo(2);
    }

    @Test
    void checkThatDoesNotAnswerInTimeFailsAndIsCancelled() {
        probe.hang(a);
        start();
        assertThat(a.failedHealthCheck()).isFalse();
        clock.advance(Duration.ofMillis(999));
        assertThat(a.failedHealthCheck()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(a.failedHealthCheck()).isTrue();
        assertThat(probe.hung.get(0).isCancelled()).isTrue();
    }

    @Test
    void checksRepeatEveryIntervalAfterTheLastEnded() {
        start();
        assertThat(probe.calls(a)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(probe.calls(a)).isEqualTo(5);
    }

    @Test
    void closeStopsChecksAndCancelsThoseInFlight() {
        probe.hang(a);
        HealthChecker checker = start();
        checker.close();
        assertThat(probe.hung.get(0).isCancelled()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(probe.calls(a)).isEqualTo(1);
        assertThat(probe.calls(hosts.get(1))).isEqualTo(1);
        assertThat(a.failedHealthCheck()).isFalse();
    }

    @Test
    void aProbeThatThrowsCountsAsAFailure() {
        HealthProbe throwing = (ep, cfg) -> {
            throw new IllegalStateException("boom");
        };
        new HealthChecker("default/app", CONFIG, hosts, clock, throwing, changes::incrementAndGet).start();
        assertThat(hosts).allMatch(Host::failedHealthCheck);
    }

    @Test
    void badConfigIsRefusedWithTheFieldAndTheExpectation() {
        assertThatThrownBy(() -> new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "healthz", "GET", Set.of(200),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1)).hasMessage("path: healthz (expected: starting with /)");
        assertThatThrownBy(() -> new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/", "GET", Set.of(200),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1)).hasMessage("healthyThreshold: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/", "GET", Set.of(600),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1)).hasMessage("expectedStatuses: 600 (expected: 100..599)");
    }

    /** Answers each host's checks from a script (then "healthy"), or never. */
    private static final class ScriptedProbe implements HealthProbe {
        private final Map<Endpoint, Queue<Boolean>> scripts = new HashMap<>();
        private final Map<Endpoint, Integer> calls = new HashMap<>();
        private final Set<Endpoint> hanging = new java.util.HashSet<>();
        final List<CompletableFuture<Boolean>> hung = new ArrayList<>();

        void script(Host h, Boolean... answers) {
            scripts.put(h.endpoint(), new ArrayDeque<>(List.of(answers)));
        }

        void hang(Host h) {
            hanging.add(h.endpoint());
        }

        int calls(Host h) {
            return calls.getOrDefault(h.endpoint(), 0);
        }

        @Override
        public CompletableFuture<Boolean> check(Endpoint endpoint, HealthCheckConfig config) {
            calls.merge(endpoint, 1, Integer::sum);
            if (hanging.contains(endpoint)) {
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                hung.add(f);
                return f;
            }
            Queue<Boolean> q = scripts.get(endpoint);
            Boolean answer = q == null || q.isEmpty() ? Boolean.TRUE : q.poll();
            return CompletableFuture.completedFuture(answer);
        }
    }
}
