package io.meshgate.proxy.upstream.lb;

import io.meshgate.proxy.upstream.Host;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RandomBalancerTest {

    static Stream<Arguments> weightTables() {
        return Stream.of(
                Arguments.of(new int[] {1, 1, 1, 1}, 1L),
                Arguments.of(new int[] {1, 2, 3, 4}, 2L),
                Arguments.of(new int[] {9, 1}, 3L),
                Arguments.of(new int[] {1, 1000}, 4L));
    }

    @ParameterizedTest
    @MethodSource("weightTables")
    void sharesFollowWeights(int[] weights, long seed) {
        List<Host> hosts = Hosts.weighted(weights);
        LoadBalancer.Picker picker = LoadBalancers.random(LoadBalancersTest.seeded(seed)).picker(hosts);
        int picks = 50_000;
        int[] counts = new int[weights.length];
        for (int i = 0; i < picks; i++) {
            counts[picker.pick(Hosts.first()).index()]++;
        }
        int total = java.util.Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            LoadBalancersTest.assertShare(counts[i], picks, weights[i] / (double) total, 0.01);
        }
    }
}
