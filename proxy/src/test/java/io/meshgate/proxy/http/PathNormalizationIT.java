package io.meshgate.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.api.policy.EscapedSlashesAction;
import io.meshgate.proxy.snapshot.ListenerLimits;
import io.meshgate.proxy.snapshot.PathNormalization;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.LeakDetection;
import io.meshgate.testkit.RawConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path confusion over real sockets: a path that climbs out of one route's prefix is routed (and forwarded) as the
 * path the backend would read, never matched on its raw spelling.
 */
@ExtendWith(LeakDetection.class)
@Timeout(60)
class PathNormalizationIT {

    private static FakeUpstream publicApi;
    private static FakeUpstream admin;
    private static ProxyHarness proxy;
    private static ProxyHarness strict;
    private static ProxyHarness keep;

    @BeforeAll
    static void start() {
        publicApi = FakeUpstream.builder().name("public").start();
        admin = FakeUpstream.builder().name("admin").start();
        TestCluster p = TestCluster.of("public", publicApi.port());
        TestCluster a = TestCluster.of("admin", admin.port());
        proxy = ProxyHarness.start(routes(p, a), p, a);
        strict = ProxyHarness.start(routes(p, a), ListenerLimits.DEFAULTS.withPath(
                new PathNormalization(true, EscapedSlashesAction.RejectRequest)), null, p, a);
        keep = ProxyHarness.start(routes(p, a), ListenerLimits.DEFAULTS.withPath(
                new PathNormalization(false, EscapedSlashesAction.KeepUnchanged)), null, p, a);
    }

    private static TestRouteTable routes(TestCluster p, TestCluster a) {
        return new TestRouteTable().route("/admin", ProxyHarness.route("admin", a))
                .route("/public", ProxyHarness.route("public", p));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        strict.close();
        keep.close();
        publicApi.close();
        admin.close();
    }

    @BeforeEach
    void clear() {
        publicApi.clearRequests();
        admin.clearRequests();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/../admin/users", "/public/%2e%2e/admin/users", "/public/.%2E/admin/./users",
        "/public\\..\\admin/users", "//admin//users", "/public/../../admin/users"})
    void dotSegmentsAndSlashesAreResolvedBeforeRouting(String target) {
        RawConnection.Response r = get(proxy, target);
        assertThat(r.status()).isEqualTo(200);
        assertThat(publicApi.requests()).isEmpty();
        assertThat(admin.lastRequest().uri()).isEqualTo("/admin/users");
    }

    @Test
    void queryIsForwardedAsReceived() {
        assertThat(get(proxy, "/public/./a?next=/../admin&x=%2F").status()).isEqualTo(200);
        assertThat(publicApi.lastRequest().uri()).isEqualTo("/public/a?next=/../admin&x=%2F");
    }

    @Test
    void escapedSlashRedirectsToTheUnescapedPathByDefault() {
        RawConnection.Response r = get(proxy, "/public%2F..%2Fadmin/users?x=1");
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.header("location")).isEqualTo("/admin/users?x=1");
        assertThat(publicApi.requests()).isEmpty();
        assertThat(admin.requests()).isEmpty();
    }

    @Test
    void escapedSlashIsRejectedWhenConfigured() {
        RawConnection.Response r = get(strict, "/public/a%2Fb");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("escaped slash in path");
        assertThat(publicApi.requests()).isEmpty();
    }

    @Test
    void escapedSlashAndRepeatedSlashesAreKeptWhenConfigured() {
        assertThat(get(keep, "/public/a%2f..%2fb//c").status()).isEqualTo(200);
        assertThat(publicApi.lastRequest().uri()).isEqualTo("/public/a%2F..%2Fb//c");
    }

    private static RawConnection.Response get(ProxyHarness target, String path) {
        try (RawConnection c = RawConnection.open(target.port())) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
        }
    }
}
