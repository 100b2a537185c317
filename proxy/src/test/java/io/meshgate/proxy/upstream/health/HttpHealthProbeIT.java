package io.meshgate.proxy.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import io.meshgate.proxy.upstream.cluster.DefaultCluster;
import io.meshgate.proxy.upstream.cluster.NettyClusterRuntime;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks over real sockets on 127.0.0.1 against real HTTP servers. */
class HttpHealthProbeIT {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpHealthProbe probe = new HttpHealthProbe(group.next(), NioSocketChannel.class);

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static HealthCheckConfig http(String path, Set<Integer> expected) {
        return new HealthCheckConfig(HealthCheckConfig.Type.HTTP, path, "GET", expected, Duration.ofMillis(100),
                Duration.ofSeconds(2), 1, 2);
    }

    @Test
    void httpCheckSendsTheConfiguredRequestAndJudgesTheStatus() throws Exception {
        try (StatusServer server = new StatusServer()) {
            Endpoint ep = new Endpoint("127.0.0.1", server.port(), 1);
            assertThat(probe.check(ep, http("/healthz?deep=1", Set.of(200))).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.requests).containsExactly("GET /healthz?deep=1 host=127.0.0.1:" + server.port());

            server.status.set(503);
            assertThat(probe.check(ep, http("/healthz", Set.of(200))).get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(probe.check(ep, http("/healthz", Set.of(200, 503))).get(10, TimeUnit.SECONDS)).isTrue();

            HealthCheckConfig head = new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/h", "HEAD", Set.of(503),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1);
            assertThat(probe.check(ep, head).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.requests).last().asString().startsWith("HEAD /h ");
        }
    }

    @Test
    void refusedConnectionFailsTheCheck() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Endpoint ep = new Endpoint("127.0.0.1", port, 1);
        assertThat(probe.check(ep, http("/", Set.of(200))).get(10, TimeUnit.SECONDS)).isFalse();
        HealthCheckConfig tcp = new HealthCheckConfig(HealthCheckConfig.Type.TCP, "/", "GET", Set.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1);
        assertThat(probe.check(ep, tcp).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void tcpCheckPassesWhenAConnectionOpens() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Endpoint ep = new Endpoint("127.0.0.1", s.getLocalPort(), 1);
            HealthCheckConfig tcp = new HealthCheckConfig(HealthCheckConfig.Type.TCP, "/", "GET", Set.of(),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1);
            assertThat(probe.check(ep, tcp).get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void cancellingACheckClosesItsConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Endpoint ep = new Endpoint("127.0.0.1", silent.getLocalPort(), 1);
            var check = probe.check(ep, http("/", Set.of(200)));
            silent.setSoTimeout(10_000);
            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(10_000);
                InputStream in = accepted.getInputStream();
                assertThat(in.read()).isEqualTo('G'); // the request arrived; never answer it
                check.cancel(false);
                // The probe closes its side: the server reads the rest of the request, then EOF.
                while (in.read() >= 0) {
                    // drain
                }
            }
        }
    }

    @Test
    void clusterDropsAnEndpointThatTurnsUnhealthyAndTakesItBack() throws Exception {
        try (StatusServer a = new StatusServer(); StatusServer b = new StatusServer()) {
            Endpoint ea = new Endpoint("127.0.0.1", a.port(), 1);
            Endpoint eb = new Endpoint("127.0.0.1", b.port(), 1);
            ClusterConfig config = ClusterConfig.of("default/app", List.of(ea, eb))
                    .withSettings(UpstreamSettings.DEFAULT)
                    .withHealthCheck(http("/healthz", Set.of(200)));
            DefaultCluster cluster = new DefaultCluster(config, new NettyClusterRuntime(group, NioSocketChannel.class));
            List<Long> versions = new CopyOnWriteArrayList<>();
            cluster.start();
            try {
                awaitTrue(() -> a.requests.size() >= 2 && b.requests.size() >= 2);
                assertThat(cluster.endpointSet().available()).hasSize(2);
                versions.add(cluster.endpointSet().version());

                a.status.set(500);
                awaitTrue(() -> cluster.endpointSet().available().size() == 1);
                assertThat(cluster.endpointSet().available().get(0).endpoint()).isEqualTo(eb);
                assertThat(cluster.endpointSet().version()).isGreaterThan(versions.get(0));

                a.status.set(200);
                awaitTrue(() -> cluster.endpointSet().available().size() == 2);
            } finally {
                cluster.close();
            }
            int seen = a.requests.size();
            Thread.sleep(300); // a few intervals: no check may run after close
            assertThat(a.requests.size()).isLessThanOrEqualTo(seen + 1);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
