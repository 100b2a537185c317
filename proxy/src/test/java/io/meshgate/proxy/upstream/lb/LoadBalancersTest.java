package io.meshgate.proxy.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.http.Exchange;
import io.meshgate.proxy.upstream.Host;
import io.meshgate.proxy.upstream.PickContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every balancer shares: empty lists, retries avoiding tried hosts, no allocation per pick. */
class LoadBalancersTest {

    static Supplier<RandomGenerator> seeded(long seed) {
        Random r = new Random(seed);
        return () -> r;
    }

    static Stream<Arguments> balancers() {
        return Stream.of(
                Arguments.of("roundRobin", LoadBalancers.roundRobin(seeded(1))),
                Arguments.of("leastRequest", LoadBalancers.leastRequest(seeded(2))),
                Arguments.of("random", LoadBalancers.random(seeded(3))),
                Arguments.of("consistentHashHeader",
                        LoadBalancers.consistentHash(HashKey.header("x-user"), 65_537, seeded(4))),
                Arguments.of("consistentHashSourceIp",
                        LoadBalancers.consistentHash(HashKey.sourceIp(), 251, seeded(5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balancers")
    void emptyListPicksNobody(String name, LoadBalancer lb) {
        assertThat(lb.picker(List.of()).pick(Hosts.first())).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balancers")
    void retryAvoidsTriedHostsWhileOthersRemain(String name, LoadBalancer lb) {
        List<Host> hosts = Hosts.weighted(3, 1, 1, 2);
        LoadBalancer.Picker picker = lb.picker(hosts);
        for (int i = 0; i < 200; i++) {
            Exchange x = TestExchange.request().header("x-user", "user-" + i).remote("192.0.2." + (i % 200), 1234).build();
            Host first = picker.pick(Hosts.first(x));
            assertThat(first).isNotNull();
            Host second = picker.pick(Hosts.retry(x, List.of(first)));
            assertThat(second).isNotNull().isNotSameAs(first);
            Host third = picker.pick(Hosts.retry(x, List.of(first, second)));
            assertThat(third).isNotNull().isNotIn(first, second);
            Host last = picker.pick(Hosts.retry(x, List.of(first, second, third)));
            assertThat(last).isNotNull().isNotIn(first, second, third);
            // Everything tried: a retry still gets a host rather than nothing.
            assertThat(picker.pick(Hosts.retry(x, hosts))).isIn(hosts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balancers")
    void singleHostIsAlwaysPicked(String name, LoadBalancer lb) {
        List<Host> hosts = Hosts.uniform(1);
        LoadBalancer.Picker picker = lb.picker(hosts);
        assertThat(picker.pick(Hosts.first())).isSameAs(hosts.get(0));
        assertThat(picker.pick(Hosts.retry(TestExchange.request().build(), hosts))).isSameAs(hosts.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balancers")
    void pickingAllocatesNothing(String name, LoadBalancer lb) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LoadBalancer.Picker picker = lb.picker(Hosts.weighted(1, 2, 3, 4, 5));
        PickContext ctx = Hosts.first(TestExchange.request().header("x-user", "alice").build());
        for (int i = 0; i < 20_000; i++) {
            picker.pick(ctx);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            picker.pick(ctx);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // One object per pick would be at least 1.6 MB; allow a little for the measurement itself.
        assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void balancersWithEqualSettingsAreEqual() {
        assertThat(LoadBalancers.roundRobin()).isEqualTo(LoadBalancers.roundRobin());
        assertThat(LoadBalancers.leastRequest()).isEqualTo(LoadBalancers.leastRequest());
        assertThat(LoadBalancers.consistentHash(HashKey.cookie("s")))
                .isEqualTo(LoadBalancers.consistentHash(HashKey.cookie("s")))
                .isNotEqualTo(LoadBalancers.consistentHash(HashKey.cookie("t")));
        assertThat(LoadBalancers.random()).isNotEqualTo(LoadBalancers.roundRobin());
    }

    static double share(int count, int total) {
        return count / (double) total;
    }

    static void assertShare(int count, int total, double expected, double tolerance) {
        assertThat(share(count, total)).isCloseTo(expected, within(tolerance));
    }
}
