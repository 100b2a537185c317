package io.meshgate.api.gateway;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code Gateway} ({@code gateway.networking.k8s.io/v1}): listeners that accept traffic.
 *
 * @param metadata name and namespace
 * @param spec listeners and addresses, required
 */
public record Gateway(ObjectMeta metadata, GatewaySpec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "Gateway";

    public Gateway(@Nullable ObjectMeta metadata, @Nullable GatewaySpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
