package io.meshgate.proxy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.Loopback;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway started in-process from YAML written by the test, driven with the JDK HttpClient. */
class GatewayRuntimeIT {

    @TempDir
    Path dir;

    private FakeUpstream upstream;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void upstream() {
        upstream = FakeUpstream.builder().name("accounts").behavior(Behaviors.echo()).start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private String config(int port) {
        return ConfigYaml.gateway(port) + ConfigYaml.backend("accounts", upstream.port()) + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: accounts}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /accounts}}]
                      filters:
                        - type: RequestHeaderModifier
                          requestHeaderModifier: {set: [{name: x-via, value: meshgate}]}
                        - type: ResponseHeaderModifier
                          responseHeaderModifier: {add: [{name: x-route, value: accounts}]}
                      backendRefs: [{name: accounts}]
                    - matches: [{path: {type: Exact, value: /old}}]
                      filters:
                        - type: RequestRedirect
                          requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /accounts}, statusCode: 308}
                    - matches: [{path: {type: Exact, value: /nowhere}}]
                      backendRefs: [{name: missing}]
                """;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheConfigAndAnswersTheAdminEndpoints() throws Exception {
        int port = Loopback.freePort();
        Files.writeString(dir.resolve("gateway.yaml"), config(port));
        try (GatewayRuntime gw = GatewayRuntime.start(GatewayOptions.of(dir.resolve("gateway.yaml")).withThreads(1)
                .withAdmin(new InetSocketAddress("127.0.0.1", 0)).withWatch(false))) {
            HttpResponse<String> r = get(port, "/accounts/alice?x=1");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-route")).hasValue("accounts");
            assertThat(upstream.lastRequest().uri()).isEqualTo("/accounts/alice?x=1");
            assertThat(upstream.lastRequest().header("x-via")).isEqualTo("meshgate");

            HttpResponse<String> redirect = get(port, "/old");
            assertThat(redirect.statusCode()).isEqualTo(308);
            assertThat(redirect.headers().firstValue("location")).hasValue("http://127.0.0.1:" + port + "/accounts");

            assertThat(get(port, "/nowhere").statusCode()).isEqualTo(500);
            assertThat(get(port, "/unrouted").statusCode()).isEqualTo(404);

            int admin = gw.adminAddress().getPort();
            assertThat(get(admin, "/ready").statusCode()).isEqualTo(200);
            assertThat(get(admin, "/config").body()).contains("\"HTTPRoute\"", "accounts");
            assertThat(gw.describeListeners()).isEqualTo("http://0.0.0.0:" + port);
            assertThat(gw.readyMillis()).isPositive();
        }
    }

    @Test
    void anInvalidConfigDoesNotStart() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), config(Loopback.freePort()).replace("value: /accounts}",
                "value: accounts}"));
        assertThatThrownBy(() -> GatewayRuntime.start(GatewayOptions.of(dir).withThreads(1)))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> {
                            assertThat(err.resource()).isEqualTo("HTTPRoute default/accounts");
                            assertThat(err.fieldPath()).startsWith("spec.rules[0].matches[0].path");
                        }));
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            Files.writeString(dir.resolve("gateway.yaml"), config(taken.getLocalPort()));
            assertThatThrownBy(() -> GatewayRuntime.start(GatewayOptions.of(dir).withThreads(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }
}
