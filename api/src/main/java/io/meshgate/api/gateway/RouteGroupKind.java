package io.meshgate.api.gateway;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A route kind a listener accepts ({@code allowedRoutes.kinds} entry).
 *
 * @param group API group, default {@code gateway.networking.k8s.io}
 * @param kind the route kind, required, e.g. {@code HTTPRoute}
 */
public record RouteGroupKind(String group, String kind) {
    /** The Gateway API group. */
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    public RouteGroupKind(@Nullable String group, @Nullable String kind) {
        this.group = Checks.orDefault(group, GATEWAY_GROUP);
        this.kind = Checks.requiredText(kind, "kind");
    }
}
