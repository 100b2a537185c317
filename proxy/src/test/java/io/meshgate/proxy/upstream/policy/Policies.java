package io.meshgate.proxy.upstream.policy;

import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.policy.BackendTrafficPolicy;
import java.util.List;

/** Loads BackendTrafficPolicies from YAML through the real loader, attached to a small route. */
final class Policies {

    /** A Gateway, an HTTPRoute "shop" and a Backend "shop" for the policies to attach to. */
    static final String SETUP = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              gatewayClassName: meshgate
              listeners: [{name: http, protocol: HTTP, port: 8080}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop}
            spec:
              parentRefs: [{name: edge}]
              rules:
                - backendRefs: [{name: shop}]
            ---
            apiVersion: meshgate.io/v1alpha1
            kind: Backend
            metadata: {name: shop}
            spec:
              endpoints:
                - {address: 127.0.0.1, port: 9001}
                - {address: 127.0.0.1, port: 9002, weight: 3}
            """;

    private Policies() {
    }

    /** The result of loading {@link #SETUP} plus {@code yaml}. */
    static LoadResult load(String yaml) {
        return new ConfigLoader().load("policy.yaml", SETUP + "---\n" + yaml);
    }

    /** The one BackendTrafficPolicy of {@code spec} (the YAML under {@code spec:}, targeting the route). */
    static BackendTrafficPolicy spec(String spec) {
        String yaml = """
                apiVersion: meshgate.io/v1alpha1
                kind: BackendTrafficPolicy
                metadata: {name: shop}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: shop}]
                """ + spec.indent(2);
        LoadResult r = load(yaml);
        if (!r.isValid()) {
            throw new AssertionError("policy does not load: " + r.errors());
        }
        List<BackendTrafficPolicy> all = r.resources().backendTrafficPolicies();
        return all.get(0);
    }
}
