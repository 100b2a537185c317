package io.meshgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The launcher's command line as a user meets it: help, exit codes, and error messages for bad config. */
class CliIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void topLevelHelpListsTheCommands() {
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, "--help");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("gateway").contains("validate").contains("demo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "validate", "demo"})
    void everyCommandHasHelp(String command) {
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, command, "--help");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).containsIgnoringCase("usage").contains(command);
    }

    @Test
    void anUnknownCommandFailsWithUsage() {
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, "frobnicate");
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("frobnicate");
    }

    @Test
    void validateAcceptsTheExampleConfig() {
        Path examples = MeshgateProcess.repositoryRoot().resolve("examples/gateway");
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, "validate", examples.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void validateNamesFileResourceFieldAndReasonAndExitsNonZero() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: edge }
                spec:
                  gatewayClassName: meshgate
                  listeners: [ { name: http, protocol: HTTP, port: 8080 } ]
                """);
        Files.writeString(config.resolve("routes.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: broken, namespace: shop }
                spec:
                  parentRefs: [ { name: edge, namespace: default } ]
                  rules:
                    - matches: [ { path: { type: Sideways, value: /x } } ]
                """);
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, "validate", config.toString());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output())
                .contains("routes.yaml")
                .contains("HTTPRoute shop/broken")
                .contains("spec.rules[0].matches[0].path.type")
                .contains("Sideways");
    }

    @Test
    void validateReportsYamlSyntaxErrorsWithTheFile() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: [unclosed\n");
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, "validate", file.toString());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("bad.yaml");
    }

    @Test
    void theGatewayRefusesToStartOnBadConfig() throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: { name: edge }
                spec:
                  gatewayClassName: meshgate
                  listeners: [ { name: http, protocol: HTTP, port: 70000 } ]
                """);
        MeshgateProcess.Result r = MeshgateProcess.run(dir, LIMIT, "gateway", "--config", file.toString(),
                "--admin", "127.0.0.1:" + FreePorts.pick());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("gateway.yaml").contains("Gateway default/edge")
                .contains("spec.listeners[0].port").contains("70000");
    }
}
