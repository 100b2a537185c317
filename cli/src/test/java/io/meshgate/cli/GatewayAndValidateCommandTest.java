package io.meshgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.cli.MainTest.Run;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayAndValidateCommandTest {

    @TempDir
    Path dir;

    private static String config(int port, String pathType) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners: [{name: http, protocol: HTTP, port: %d}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: api}
                spec: {endpoints: [{address: 127.0.0.1, port: 9}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - matches: [{path: {type: %s, value: /api}}]
                      backendRefs: [{name: api}]
                """.formatted(port, pathType);
    }

    @Test
    void validateAcceptsAValidConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), config(8080, "PathPrefix"));
        Run r = MainTest.run("validate", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains(file + ": valid (1 port(s), 1 route match(es), 1 cluster(s))");
    }

    @Test
    void validatePrintsWarningsOfAValidConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), config(8080, "PathPrefix")
                .replace("backendRefs: [{name: api}]", "backendRefs: [{name: nothing}]"));
        Run r = MainTest.run("validate", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("warning: " + file + ": HTTPRoute default/api: spec.rules[0].backendRefs[0]: ");
    }

    @Test
    void validatePrintsEveryErrorWithFileResourceFieldAndReason() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), config(8080, "Prefix"));
        Files.writeString(dir.resolve("b.yaml"), """
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: broken}
                spec: {endpoints: [{address: 127.0.0.1, port: 70000}]}
                """);
        Run r = MainTest.run("validate", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(r.err()).contains(dir.resolve("a.yaml") + ": HTTPRoute default/api: spec.rules[0].matches[0].path.type: ")
                .contains(dir.resolve("b.yaml") + ": Backend default/broken: spec.endpoints[0].port: ")
                .contains(dir + ": invalid (2 errors)");
    }

    @Test
    void validateOfAMissingPathIsARuntimeFailure() {
        Run r = MainTest.run("validate", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("no such file or directory");
    }

    @Test
    void gatewayWithAnInvalidConfigExitsWithOneAndDoesNotStart() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), config(8080, "Prefix"));
        Run r = MainTest.run("gateway", "--config", file.toString(), "--admin", "off");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(r.err()).contains("HTTPRoute default/api: spec.rules[0].matches[0].path.type")
                .contains("the gateway did not start");
    }

    @Test
    void gatewayOnAPortInUseExitsWithThree() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            Path file = Files.writeString(dir.resolve("gateway.yaml"), config(taken.getLocalPort(), "PathPrefix"));
            Run r = MainTest.run("gateway", "--config", file.toString(), "--admin", "off", "--threads", "1");
            assertThat(r.code()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
            assertThat(r.err()).contains("cannot listen on 0.0.0.0:" + taken.getLocalPort());
        }
    }

    @Test
    void gatewayUsageErrorsExitWithTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), config(8080, "PathPrefix"));
        assertThat(MainTest.run("gateway").code()).isEqualTo(ExitCodes.USAGE);
        Run badAdmin = MainTest.run("gateway", "--config", file.toString(), "--admin", "nowhere");
        assertThat(badAdmin.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badAdmin.err()).contains("--admin: 'nowhere' (expected: HOST:PORT");
        assertThat(MainTest.run("gateway", "--config", file.toString(), "--threads", "0").code())
                .isEqualTo(ExitCodes.USAGE);
    }
}
