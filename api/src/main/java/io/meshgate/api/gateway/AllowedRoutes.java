package io.meshgate.api.gateway;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A listener's {@code allowedRoutes}.
 *
 * @param namespaces which namespaces may attach routes, default {@code from: Same}
 * @param kinds the route kinds accepted; default (empty) means the kinds of the listener's protocol
 *     (HTTPRoute for HTTP and HTTPS)
 */
public record AllowedRoutes(RouteNamespaces namespaces, List<RouteGroupKind> kinds) {
    /** The default: HTTPRoutes from the Gateway's namespace. */
    public static final AllowedRoutes DEFAULT = new AllowedRoutes(null, null);

    public AllowedRoutes(@Nullable RouteNamespaces namespaces, @Nullable List<RouteGroupKind> kinds) {
        this.namespaces = Checks.orDefault(namespaces, RouteNamespaces.SAME);
        this.kinds = Checks.list(kinds, "kinds");
    }

    /** Whether routes of this group and kind may attach. */
    public boolean allowsKind(String group, String kind) {
        if (kinds.isEmpty()) {
            return RouteGroupKind.GATEWAY_GROUP.equals(group) && "HTTPRoute".equals(kind);
        }
        return kinds.stream().anyMatch(k -> k.group().equals(group) && k.kind().equals(kind));
    }
}
