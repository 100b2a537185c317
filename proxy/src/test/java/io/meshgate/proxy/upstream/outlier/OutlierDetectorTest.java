package io.meshgate.proxy.upstream.outlier;

import static io.meshgate.proxy.upstream.Outcome.CONNECT_FAILURE;
import static io.meshgate.proxy.upstream.Outcome.GATEWAY_ERROR;
import static io.meshgate.proxy.upstream.Outcome.RESET;
import static io.meshgate.proxy.upstream.Outcome.SERVER_ERROR;
import static io.meshgate.proxy.upstream.Outcome.SUCCESS;
import static io.meshgate.proxy.upstream.Outcome.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.Outcome;
import io.meshgate.proxy.upstream.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutlierDetectorTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final AtomicInteger changes = new AtomicInteger();

    private static OutlierConfig config(int c5xx, int cGateway, int cLocal, boolean split, int maxPercent) {
        return new OutlierConfig(c5xx, cGateway, cLocal, split, Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofSeconds(300), maxPercent);
    }

    private static List<Host> hosts(int n) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add(new Host(new Endpoint("10.0.0." + (i + 1), 80, 1), i));
        }
        return hosts;
    }

    private OutlierDetector detector(OutlierConfig config, List<Host> hosts) {
        OutlierDetector d = new OutlierDetector("default/app", config, hosts, clock, changes::incrementAndGet);
        d.start();
        return d;
    }

    static Stream<Arguments> runs() {
        OutlierConfig defaults = config(5, 0, 5, false, 100);
        OutlierConfig gateway = config(0, 3, 0, false, 100);
        OutlierConfig split = config(5, 0, 2, true, 100);
        return Stream.of(
                Arguments.of("five 5xx eject", defaults, List.of(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR), true),
                Arguments.of("four 5xx do not", defaults, List.of(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR), false),
                Arguments.of("a success breaks the run", defaults, List.of(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SUCCESS, SERVER_ERROR, SERVER_ERROR), false),
                Arguments.of("gateway errors are 5xx", defaults, List.of(GATEWAY_ERROR, GATEWAY_ERROR, SERVER_ERROR, GATEWAY_ERROR, GATEWAY_ERROR), true),
                Arguments.of("local failures count as 5xx unsplit", defaults, List.of(CONNECT_FAILURE, RESET, TIMEOUT, CONNECT_FAILURE, RESET), true),
                Arguments.of("three gateway errors", gateway, List.of(GATEWAY_ERROR, GATEWAY_ERROR, GATEWAY_ERROR), true),
                Arguments.of("a plain 500 breaks a gateway run", gateway, List.of(GATEWAY_ERROR, GATEWAY_ERROR, SERVER_ERROR, GATEWAY_ERROR), false),
                Arguments.of("connect failures are gateway errors unsplit", gateway, List.of(CONNECT_FAILURE, TIMEOUT, RESET), true),
                Arguments.of("split: two local failures", split, List.of(CONNECT_FAILURE, TIMEOUT), true),
                Arguments.of("split: local failures are not 5xx", split, List.of(RESET, SUCCESS, RESET, SUCCESS, RESET), false),
                Arguments.of("split: a 5xx answer breaks a local run", split, List.of(CONNECT_FAILURE, SERVER_ERROR, CONNECT_FAILURE), false),
                Arguments.of("split: 5xx still counted", split, List.of(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR), true),
                Arguments.of("thresholds of 0 disable", config(0, 0, 0, false, 100), List.of(SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, SERVER_ERROR), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void ejectsAfterAConsecutiveRun(String name, OutlierConfig config, List<Outcome> outcomes, boolean ejected) {
        List<Host> hosts = hosts(4);
        OutlierDetector d = detector(config, hosts);
        for (Outcome o : outcomes) {
            d.record(hosts.get(0), o);
        }
        assertThat(hosts.get(0).ejected()).isEqualTo(ejected);
        assertThat(changes.get()).isEqualTo(ejected ? 1 : 0);
        assertThat(hosts.subList(1, 4)).noneMatch(Host::ejected);
    }

    @Test
    void ejectionTimeGrowsWithEachEjectionAndEjectedHostsReturn() {
        List<Host> hosts = hosts(4);
        OutlierDetector d = detector(config(2, 0, 0, false, 100), hosts);
        Host h = hosts.get(0);

        fail(d, h, 2);
        assertThat(h.ejected()).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(h.ejected()).isTrue();
        clock.advance(Duration.ofSeconds(3)); // the review at 30 s ends the first ejection (30 s)
        assertThat(h.ejected()).isFalse();

        fail(d, h, 2); // ejected again before the multiplier decayed: 2 x 30 s
        assertThat(h.ejected()).isTrue();
        clock.advance(Duration.ofSeconds(57));
        assertThat(h.ejected()).isTrue();
        clock.advance(Duration.ofSeconds(4)); // ejections end at the review after they expire
        assertThat(h.ejected()).isFalse();
        assertThat(changes.get()).isEqualTo(4);
    }

    @Test
    void multiplierDecaysWhileTheHostBehaves() {
        List<Host> hosts = hosts(4);
        OutlierDetector d = detector(config(1, 0, 0, false, 100), hosts);
        Host h = hosts.get(0);
        d.record(h, SERVER_ERROR);
        clock.advance(Duration.ofSeconds(30));
        assertThat(h.ejected()).isFalse();
        assertThat(d.ejectionMultiplier(h)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(3)); // one quiet review interval
        assertThat(d.ejectionMultiplier(h)).isZero();
        d.record(h, SERVER_ERROR); // back to the base ejection time
        clock.advance(Duration.ofSeconds(30));
        assertThat(h.ejected()).isFalse();
    }

    @Test
    void ejectionTimeIsCapped() {
        List<Host> hosts = hosts(2);
        OutlierConfig cfg = new OutlierConfig(1, 0, 0, false, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(25), 100);
        OutlierDetector d = detector(cfg, hosts);
        Host h = hosts.get(0);
        for (int i = 1; i <= 4; i++) {
            d.record(h, SERVER_ERROR);
            assertThat(h.ejected()).isTrue();
            long expectedSeconds = Math.min(25, 10L * i);
            clock.advance(Duration.ofSeconds(expectedSeconds - 1));
            assertThat(h.ejected()).as("ejection %d", i).isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(h.ejected()).as("ejection %d", i).isFalse();
        }
    }

    @Test
    void maxEjectionPercentLimitsEjectionsButAlwaysAllowsOne() {
        List<Host> hosts = hosts(10);
        OutlierDetector d = detector(config(1, 0, 0, false, 20), hosts);
        for (Host h : hosts) {
            d.record(h, SERVER_ERROR);
        }
        assertThat(hosts.stream().filter(Host::ejected).count()).isEqualTo(2);

        List<Host> two = hosts(2);
        OutlierDetector small = detector(config(1, 0, 0, false, 10), two);
        small.record(two.get(0), SERVER_ERROR);
        small.record(two.get(1), SERVER_ERROR);
        assertThat(two.get(0).ejected()).isTrue(); // 50% > 10%, but one ejection is always allowed
        assertThat(two.get(1).ejected()).isFalse();
    }

    @Test
    void closeStopsReviews() {
        List<Host> hosts = hosts(2);
        OutlierDetector d = detector(config(1, 0, 0, false, 100), hosts);
        d.record(hosts.get(0), SERVER_ERROR);
        d.close();
        clock.advance(Duration.ofMinutes(5));
        assertThat(hosts.get(0).ejected()).isTrue();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void badConfigIsRefusedWithTheFieldAndTheExpectation() {
        assertThatThrownBy(() -> config(5, 0, 5, false, 101)).hasMessage("maxEjectionPercent: 101 (expected: 0..100)");
        assertThatThrownBy(() -> config(-1, 0, 5, false, 10)).hasMessage("consecutive5xx: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new OutlierConfig(5, 0, 5, false, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 10)).hasMessage("interval: 0s (expected: > 0)");
    }

    private static void fail(OutlierDetector d, Host h, int times) {
        for (int i = 0; i < times; i++) {
            d.record(h, SERVER_ERROR);
        }
    }
}
