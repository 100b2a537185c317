package io.meshgate.proxy.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.upstream.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundRobinBalancerTest {

    static Stream<Arguments> weightTables() {
        return Stream.of(
                Arguments.of(new int[] {1, 1, 1}),
                Arguments.of(new int[] {5, 1, 1}),
                Arguments.of(new int[] {3, 2}),
                Arguments.of(new int[] {10, 20, 30, 40}),
                Arguments.of(new int[] {1, 100}),
                Arguments.of(new int[] {7}));
    }

    @ParameterizedTest
    @MethodSource("weightTables")
    void everyCycleGivesEachHostItsWeightShareExactly(int[] weights) {
        List<Host> hosts = Hosts.weighted(weights);
        LoadBalancer.Picker picker = LoadBalancers.roundRobin(LoadBalancersTest.seeded(7)).picker(hosts);
        int gcd = 0;
        int total = 0;
        for (int w : weights) {
            gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf(w)).intValue();
            total += w;
        }
        int cycle = total / gcd;
        int[] counts = new int[weights.length];
        for (int i = 0; i < cycle * 3; i++) {
            counts[picker.pick(Hosts.first()).index()]++;
        }
        for (int i = 0; i < weights.length; i++) {
            assertThat(counts[i]).as("host %d of weights %s", i, java.util.Arrays.toString(weights))
                    .isEqualTo(3 * weights[i] / gcd);
        }
    }

    @Test
    void heavyHostIsSpreadNotBurst() {
        // nginx's smooth weighted round robin: 5,1,1 gives a a b a c a a, never five a's in a row.
        List<Host> hosts = Hosts.weighted(5, 1, 1);
        assertThat(names(RoundRobinBalancer.cycle(hosts.toArray(new Host[0]))))
                .isEqualTo("a a b a c a a");
    }

    @Test
    void equalWeightsVisitHostsInOrder() {
        List<Host> hosts = Hosts.uniform(4);
        LoadBalancer.Picker picker = LoadBalancers.roundRobin(LoadBalancersTest.seeded(3)).picker(hosts);
        int start = picker.pick(Hosts.first()).index();
        for (int i = 1; i < 12; i++) {
            assertThat(picker.pick(Hosts.first()).index()).isEqualTo((start + i) % 4);
        }
    }

    @Test
    void hugeWeightsAreScaledToABoundedCycle() {
        List<Host> hosts = Hosts.weighted(1_000_000, 3_000_001);
        Host[] cycle = RoundRobinBalancer.cycle(hosts.toArray(new Host[0]));
        assertThat(cycle.length).isLessThanOrEqualTo(RoundRobinBalancer.MAX_CYCLE + 1);
        long heavy = java.util.Arrays.stream(cycle).filter(h -> h.index() == 1).count();
        assertThat(heavy / (double) cycle.length).isBetween(0.74, 0.76);
    }

    private static String names(Host[] cycle) {
        List<String> out = new ArrayList<>();
        for (Host h : cycle) {
            out.add(String.valueOf((char) ('a' + h.index())));
        }
        return String.join(" ", out);
    }
}
