package io.meshgate.api.gateway;

import io.meshgate.api.LabelSelector;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code allowedRoutes.namespaces}: which namespaces may attach routes to a listener.
 *
 * @param from Same, All or Selector; default {@code Same}
 * @param selector labels of the Namespace resources allowed; required when {@code from} is Selector
 */
public record RouteNamespaces(FromNamespaces from, @Nullable LabelSelector selector) {
    /** The default: routes from the Gateway's own namespace. */
    public static final RouteNamespaces SAME = new RouteNamespaces(FromNamespaces.Same, null);

    public RouteNamespaces {
        from = Checks.orDefault(from, FromNamespaces.Same);
        Checks.check(from != FromNamespaces.Selector || selector != null, "selector",
                "required when from is Selector");
    }
}
