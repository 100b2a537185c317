package io.meshgate.api;

/** YAML the api tests start their configs with. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** Gateway default/{@code name} with one HTTP listener {@code http} on port 8080, no document separator. */
    public static String gateway(String name) {
        return gateway(name, "{name: http, port: 8080, protocol: HTTP}");
    }

    /** Gateway default/{@code name} with {@code listeners} (YAML flow mappings), no document separator. */
    public static String gateway(String name, String... listeners) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: %s}
                spec:
                  gatewayClassName: meshgate
                  listeners: [%s]
                """.formatted(name, String.join(", ", listeners));
    }
}
