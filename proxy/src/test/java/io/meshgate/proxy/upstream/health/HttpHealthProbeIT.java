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
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeRequest;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.SelfSignedCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health checks over real sockets on 127.0.0.1 against the testkit's fake upstreams. */
@ExtendWith(LeakDetection.class)
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
        try (FakeUpstream server = FakeUpstream.start(Behaviors.status(200))) {
            Endpoint ep = new Endpoint("127.0.0.1", server.port(), 1);
            assertThat(probe.check(ep, http("/healthz?deep=1", Set.of(200))).get(10, TimeUnit.SECONDS)).isTrue();
            FakeRequest req = server.lastRequest();
            assertThat(req.method()).isEqualTo("GET");
            assertThat(req.uri()).isEqualTo("/healthz?deep=1");
            assertThat(req.protocol()).isEqualTo("HTTP/1.1");
            assertThat(req.header("host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(req.header("user-agent")).isEqualTo("meshgate-health-check");

            server.behavior(Behaviors.status(503));
            assertThat(probe.check(ep, http("/healthz", Set.of(200))).get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(probe.check(ep, http("/healthz", Set.of(200, 503))).get(10, TimeUnit.SECONDS)).isTrue();

            HealthCheckConfig head = new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "/h", "HEAD", Set.of(503),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1);
            assertThat(probe.check(ep, head).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.lastRequest().method()).isEqualTo("HEAD");
        }
    }

    @Test
    void httpsCheckOriginatesTls() throws Exception {
        SelfSignedCertificates ca = SelfSignedCertificates.newAuthority("test ca");
        try (FakeUpstream server = FakeUpstream.builder().behavior(Behaviors.status(204))
                .tls(ca.issue("localhost")).start()) {
            Endpoint ep = new Endpoint("127.0.0.1", server.port(), 1);
            UpstreamSettings tls = new UpstreamSettings(UpstreamProtocol.HTTP1, true, "localhost", true,
                    Duration.ofSeconds(5), Duration.ofSeconds(60), 0);
            HealthProbe tlsProbe = new NettyClusterRuntime(group, NioSocketChannel.class)
                    .healthProbe(new io.meshgate.proxy.upstream.EventLoopScheduler(group.next()), tls);
            assertThat(tlsProbe.check(ep, http("/ready", Set.of(204))).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(server.lastRequest().uri()).isEqualTo("/ready");
            // A cleartext check of a TLS port fails instead of hanging.
            assertThat(probe.check(ep, http("/ready", Set.of(204))).get(10, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void h2cAndH2BackendsAreCheckedOverHttp2() throws Exception {
        SelfSignedCertificates ca = SelfSignedCertificates.newAuthority("test ca");
        NettyClusterRuntime runtime = new NettyClusterRuntime(group, NioSocketChannel.class);
        io.meshgate.proxy.upstream.EventLoopScheduler scheduler =
                new io.meshgate.proxy.upstream.EventLoopScheduler(group.next());
        try (FakeUpstream h2c = FakeUpstream.start(Behaviors.status(200));
             FakeUpstream h2 = FakeUpstream.builder().behavior(Behaviors.status(503)).tls(ca.issue("localhost")).start()) {
            HealthProbe cleartext = runtime.healthProbe(scheduler, new UpstreamSettings(UpstreamProtocol.H2C, false,
                    "", false, Duration.ofSeconds(5), Duration.ofSeconds(60), 0));
            Endpoint e1 = new Endpoint("127.0.0.1", h2c.port(), 1);
            assertThat(cleartext.check(e1, http("/grpc.health.v1.Health/Check", Set.of(200)))
                    .get(10, TimeUnit.SECONDS)).isTrue();
            FakeRequest req = h2c.lastRequest();
            assertThat(req.protocol()).isEqualTo("HTTP/2");
            assertThat(req.uri()).isEqualTo("/grpc.health.v1.Health/Check");
            assertThat(req.method()).isEqualTo("GET");
            h2c.behavior(Behaviors.status(500));
            assertThat(cleartext.check(e1, http("/", Set.of(200))).get(10, TimeUnit.SECONDS)).isFalse();

            HealthProbe tls = runtime.healthProbe(scheduler, new UpstreamSettings(UpstreamProtocol.H2, true,
                    "localhost", true, Duration.ofSeconds(5), Duration.ofSeconds(60), 0));
            Endpoint e2 = new Endpoint("127.0.0.1", h2.port(), 1);
            assertThat(tls.check(e2, http("/ready", Set.of(503))).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(h2.lastRequest().protocol()).isEqualTo("HTTP/2");
            assertThat(tls.check(e2, http("/ready", Set.of(200))).get(10, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void h2cCheckOfAnHttp1OnlyServerFails() throws Exception {
        try (FakeUpstream h1 = FakeUpstream.builder().behavior(Behaviors.status(200)).http2(false).start()) {
            HealthProbe h2c = new NettyClusterRuntime(group, NioSocketChannel.class).healthProbe(
                    new io.meshgate.proxy.upstream.EventLoopScheduler(group.next()),
                    new UpstreamSettings(UpstreamProtocol.H2C, false, "", false, Duration.ofSeconds(5),
                            Duration.ofSeconds(60), 0));
            assertThat(h2c.check(new Endpoint("127.0.0.1", h1.port(), 1), http("/", Set.of(200)))
                    .get(10, TimeUnit.SECONDS)).isFalse();
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
        try (FakeUpstream a = FakeUpstream.start(Behaviors.status(200));
             FakeUpstream b = FakeUpstream.start(Behaviors.status(200))) {
            Endpoint ea = new Endpoint("127.0.0.1", a.port(), 1);
            Endpoint eb = new Endpoint("127.0.0.1", b.port(), 1);
            ClusterConfig config = ClusterConfig.of("default/app", List.of(ea, eb))
                    .withSettings(UpstreamSettings.DEFAULT)
                    .withHealthCheck(http("/healthz", Set.of(200)));
            DefaultCluster cluster = new DefaultCluster(config, new NettyClusterRuntime(group, NioSocketChannel.class));
            List<Long> versions = new CopyOnWriteArrayList<>();
            cluster.start();
            try {
                awaitTrue(() -> a.requestCount() >= 2 && b.requestCount() >= 2);
                assertThat(cluster.endpointSet().available()).hasSize(2);
                versions.add(cluster.endpointSet().version());

                a.behavior(Behaviors.status(500));
                awaitTrue(() -> cluster.endpointSet().available().size() == 1);
                assertThat(cluster.endpointSet().available().get(0).endpoint()).isEqualTo(eb);
                assertThat(cluster.endpointSet().version()).isGreaterThan(versions.get(0));

                a.behavior(Behaviors.status(200));
                awaitTrue(() -> cluster.endpointSet().available().size() == 2);
            } finally {
                cluster.close();
            }
            int seen = a.requestCount();
            Thread.sleep(300); // a few intervals: no check may run after close
            assertThat(a.requestCount()).isLessThanOrEqualTo(seen + 1);
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
