package io.meshgate.e2e;

/** YAML snippets the end-to-end tests write into a gateway's config directory. */
final class Configs {
    private Configs() {
    }

    /** An HTTPRoute {@code name} from PathPrefix {@code prefix} of Gateway {@code gateway} to a Backend on 127.0.0.1:{@code port}. */
    static String route(String gateway, String name, String prefix, int port) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: %1$s }
                spec:
                  parentRefs: [ { name: %4$s } ]
                  rules:
                    - matches: [ { path: { type: PathPrefix, value: %2$s } } ]
                      backendRefs: [ { name: %1$s, port: %3$d } ]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: { name: %1$s }
                spec:
                  endpoints: [ { address: 127.0.0.1, port: %3$d } ]
                """.formatted(name, prefix, port, gateway);
    }

    /** A {@code kubernetes.io/tls} Secret with PEM text in {@code stringData}. */
    static String tlsSecret(String name, String chainPem, String keyPem) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: { name: %s }
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                """.formatted(name, indent(chainPem), indent(keyPem));
    }

    private static String indent(String pem) {
        return pem.strip().indent(4).stripTrailing();
    }
}
