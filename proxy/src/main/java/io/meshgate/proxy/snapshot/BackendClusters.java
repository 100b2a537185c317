package io.meshgate.proxy.snapshot;

import io.meshgate.api.policy.AppProtocol;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.BackendTls;
import io.meshgate.proxy.upstream.Endpoint;
import io.meshgate.proxy.upstream.UpstreamProtocol;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain cluster of a {@link Backend}: its endpoints and how to connect to them, balanced by
 * least request (Envoy Gateway's default, the same as under a policy without {@code loadBalancer}).
 */
final class BackendClusters {

    private BackendClusters() {
    }

    /** The cluster name of a Backend with no policy: {@code namespace/name}. */
    static String name(Backend backend) {
        return backend.id().qualifiedName();
    }

    /**
     * The cluster of {@code backend}.
     *
     * @throws IllegalArgumentException with the field and reason when the Backend cannot be a cluster
     */
    static ClusterConfig of(Backend backend) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (var e : backend.spec().endpoints()) {
            endpoints.add(new Endpoint(e.address(), e.port(), e.weight()));
        }
        return ClusterConfig.of(name(backend), endpoints).withSettings(settings(backend))
                .withLoadBalancer(LoadBalancers.leastRequest());
    }

    private static UpstreamSettings settings(Backend backend) {
        AppProtocol p = backend.spec().protocol();
        BackendTls tls = backend.spec().tls();
        UpstreamProtocol protocol = switch (p) {
            case HTTP, HTTPS -> UpstreamProtocol.HTTP1;
            case H2C -> UpstreamProtocol.H2C;
            case H2 -> UpstreamProtocol.H2;
        };
        UpstreamSettings d = UpstreamSettings.DEFAULT;
        return new UpstreamSettings(protocol, p.isTls(), tls == null || tls.sni() == null ? "" : tls.sni(),
                tls != null && tls.insecureSkipVerify(), d.connectTimeout(), d.idleTimeout(),
                d.maxRequestsPerConnection());
    }
}
