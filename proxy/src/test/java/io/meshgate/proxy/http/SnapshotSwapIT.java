package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.upstream.Cluster;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server follows snapshot swaps: routes change for the next request, ports come and go, open connections stay. */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class SnapshotSwapIT {

    @Test
    void nextRequestOnAKeepAliveConnectionUsesTheNewRoutesAndPortsFollowTheSnapshot() {
        try (FakeUpstream one = FakeUpstream.builder().name("one").start();
             FakeUpstream two = FakeUpstream.builder().name("two").start()) {
            TestCluster c1 = TestCluster.of("one", one.port());
            TestCluster c2 = TestCluster.of("two", two.port());
            Map<String, Cluster> clusters = Map.of("one", c1, "two", c2);
            ProxyHarness.PortSpec toOne = new ProxyHarness.PortSpec(
                    new TestRouteTable().route("/", ProxyHarness.route("r1", c1)), ListenerLimits.DEFAULTS, null);
            ProxyHarness.PortSpec toTwo = new ProxyHarness.PortSpec(
                    new TestRouteTable().route("/", ProxyHarness.route("r2", c2)), ListenerLimits.DEFAULTS, null);
            try (ProxyHarness proxy = ProxyHarness.start(new TestRouteTable().route("/", ProxyHarness.route("r1", c1)), c1, c2);
                 RawConnection conn = RawConnection.open(proxy.port())) {
                assertThat(conn.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().header("x-upstream")).isEqualTo("one");

                proxy.holder.swap(ProxyHarness.snapshot(2, List.of(toTwo, toOne), clusters));
                assertThat(conn.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().header("x-upstream")).isEqualTo("two");
                int second = proxy.server.localPort("127.0.0.2", 0);
                try (RawConnection onSecond = RawConnection.open("127.0.0.2", second)) {
                    assertThat(onSecond.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().header("x-upstream"))
                            .isEqualTo("one");

                    proxy.holder.swap(ProxyHarness.snapshot(3, List.of(toTwo), clusters));
                    assertThatThrownBy(() -> proxy.server.localPort("127.0.0.2", 0)).isInstanceOf(IllegalArgumentException.class);
                    // the removed port's open connection drains instead of being cut
                    assertThat(onSecond.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse().status()).isEqualTo(200);
                }
                assertThatThrownBy(() -> RawConnection.open("127.0.0.2", second).send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse())
                        .isInstanceOf(RuntimeException.class);
            }
        }
    }
}
