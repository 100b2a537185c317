package io.meshgate.api.route;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code HTTPRoute} ({@code gateway.networking.k8s.io/v1}): how HTTP requests that reach
 * the listeners it attaches to are matched, changed and sent to backends.
 *
 * @param metadata name and namespace
 * @param spec parentRefs, hostnames and rules, required
 */
public record HttpRoute(ObjectMeta metadata, HttpRouteSpec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "HTTPRoute";

    public HttpRoute(@Nullable ObjectMeta metadata, @Nullable HttpRouteSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
