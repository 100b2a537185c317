package io.meshgate.proxy.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.upstream.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaglevBalancerTest {

    private static final int KEYS = 20_000;
    private static final LoadBalancer LB = LoadBalancers.consistentHash(HashKey.header("x-user"));

    @Test
    void sameKeyAlwaysReachesTheSameHost() {
        LoadBalancer.Picker picker = LB.picker(Hosts.uniform(5));
        for (int k = 0; k < 100; k++) {
            Exchange x = user(k);
            Host first = picker.pick(Hosts.first(x));
            for (int i = 0; i < 5; i++) {
                assertThat(picker.pick(Hosts.first(x))).isSameAs(first);
            }
        }
    }

    static Stream<Arguments> weightTables() {
        return Stream.of(
                Arguments.of(new int[] {1, 1, 1, 1, 1}),
                Arguments.of(new int[] {1, 2, 3}),
                Arguments.of(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
    }

    @ParameterizedTest
    @MethodSource("weightTables")
    void keysSpreadByWeight(int[] weights) {
        List<Host> hosts = Hosts.weighted(weights);
        LoadBalancer.Picker picker = LB.picker(hosts);
        int[] counts = new int[hosts.size()];
        for (int k = 0; k < KEYS * 2; k++) {
            counts[picker.pick(Hosts.first(user(k))).index()]++;
        }
        int total = java.util.Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            double expected = weights[i] / (double) total;
            LoadBalancersTest.assertShare(counts[i], KEYS * 2, expected, expected * 0.15);
        }
    }

    @Test
    void removingOneOfTenHostsMovesAboutATenthOfTheKeys() {
        List<Host> all = Hosts.uniform(10);
        List<Host> nine = new ArrayList<>(all);
        Host removed = nine.remove(4);
        LoadBalancer.Picker before = LB.picker(all);
        LoadBalancer.Picker after = LB.picker(nine);
        int moved = 0;
        int movedFromSurvivors = 0;
        for (int k = 0; k < KEYS; k++) {
            Exchange x = user(k);
            Host a = before.pick(Hosts.first(x));
            Host b = after.pick(Hosts.first(x));
            if (a != b) {
                moved++;
                if (a != removed) {
                    movedFromSurvivors++;
                }
            }
        }
        // The removed host's keys (~1/10) must move; Maglev moves only a sliver of the others.
        assertThat(moved / (double) KEYS).isBetween(0.08, 0.14);
        assertThat(movedFromSurvivors / (double) KEYS).isLessThan(0.03);
    }

    @Test
    void addingAnEleventhHostTakesAboutAnEleventhOfTheKeys() {
        List<Host> ten = Hosts.uniform(11).subList(0, 10);
        List<Host> eleven = Hosts.uniform(11);
        LoadBalancer.Picker before = LB.picker(ten);
        LoadBalancer.Picker after = LB.picker(eleven);
        int moved = 0;
        for (int k = 0; k < KEYS; k++) {
            Exchange x = user(k);
            if (!before.pick(Hosts.first(x)).endpoint().equals(after.pick(Hosts.first(x)).endpoint())) {
                moved++;
            }
        }
        assertThat(moved / (double) KEYS).isBetween(0.07, 0.13);
    }

    @Test
    void requestsWithoutKeyStillGetAHost() {
        LoadBalancer.Picker picker = LB.picker(Hosts.uniform(3));
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[picker.pick(Hosts.first(TestExchange.request().build())).index()]++;
        }
        assertThat(java.util.Arrays.stream(counts).min().getAsInt()).isGreaterThan(800);
    }

    @Test
    void tableSizeMustBePrime() {
        assertThatThrownBy(() -> LoadBalancers.consistentHash(HashKey.sourceIp(), 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tableSize: 65536 (expected: a prime number)");
    }

    private static Exchange user(int k) {
        return TestExchange.request().header("x-user", "user-" + k).build();
    }
}
