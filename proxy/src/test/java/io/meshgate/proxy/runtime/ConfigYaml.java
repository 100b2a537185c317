package io.meshgate.proxy.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The YAML documents the runtime tests repeat, and writing a config file the way editors do. */
final class ConfigYaml {

    private ConfigYaml() {
    }

    /** A Gateway {@code edge} with one plain-HTTP listener {@code http} on {@code port}. */
    static String gateway(int port) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners: [{name: http, protocol: HTTP, port: %d}]
                """.formatted(port);
    }

    /** A document separator and a Backend {@code name} with one endpoint on 127.0.0.1. */
    static String backend(String name, int port) {
        return """
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: %s}
                spec: {endpoints: [{address: 127.0.0.1, port: %d}]}
                """.formatted(name, port);
    }

    /** Writes {@code dir/gateway.yaml} beside and moves it in atomically, as editors and config tools do. */
    static void write(Path dir, String yaml) throws IOException {
        Path tmp = Files.writeString(dir.resolve(".gateway.yaml.tmp"), yaml);
        Files.move(tmp, dir.resolve("gateway.yaml"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
