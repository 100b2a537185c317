package io.meshgate.proxy.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.upstream.Host;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastRequestBalancerTest {

    private static final int PICKS = 30_000;

    @Test
    void idleHostsShareEvenly() {
        List<Host> hosts = Hosts.uniform(3);
        int[] counts = pick(LoadBalancers.leastRequest(LoadBalancersTest.seeded(11)), hosts);
        for (int c : counts) {
            LoadBalancersTest.assertShare(c, PICKS, 1 / 3.0, 0.02);
        }
    }

    @Test
    void busiestHostIsNeverChosenOverAnIdleOne() {
        List<Host> hosts = Hosts.uniform(3);
        for (int i = 0; i < 10; i++) {
            hosts.get(0).tryStarted();
        }
        int[] counts = pick(LoadBalancers.leastRequest(LoadBalancersTest.seeded(12)), hosts);
        // P2C: the loaded host loses every comparison it is drawn into.
        assertThat(counts[0]).isZero();
        LoadBalancersTest.assertShare(counts[1], PICKS, 0.5, 0.02);
    }

    @Test
    void loadIsComparedPerUnitOfWeight() {
        // Host 0 has weight 4 and 3 requests in flight: (3+1)/4 = 1 beats (1+1)/1 = 2 of host 1.
        List<Host> hosts = Hosts.weighted(4, 1);
        for (int i = 0; i < 3; i++) {
            hosts.get(0).tryStarted();
        }
        hosts.get(1).tryStarted();
        int[] counts = pick(LoadBalancers.leastRequest(LoadBalancersTest.seeded(13)), hosts);
        assertThat(counts[0]).isEqualTo(PICKS);
    }

    @Test
    void picksFollowLoadAsItChanges() {
        List<Host> hosts = Hosts.uniform(2);
        LoadBalancer.Picker picker = LoadBalancers.leastRequest(LoadBalancersTest.seeded(14)).picker(hosts);
        // Each pick starts a request that never ends: the two hosts must stay within one of each other.
        for (int i = 0; i < 1000; i++) {
            picker.pick(Hosts.first()).tryStarted();
            assertThat(Math.abs(hosts.get(0).activeRequests() - hosts.get(1).activeRequests())).isLessThanOrEqualTo(1);
        }
    }

    private static int[] pick(LoadBalancer lb, List<Host> hosts) {
        LoadBalancer.Picker picker = lb.picker(hosts);
        int[] counts = new int[hosts.size()];
        for (int i = 0; i < PICKS; i++) {
            counts[picker.pick(Hosts.first()).index()]++;
        }
        return counts;
    }
}
