package io.meshgate.proxy.snapshot;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a policy attaches to, in the Gateway API policy-attachment model (GEP-713): a
 * {@code Gateway} (optionally one listener, by {@code sectionName}) or an {@code HTTPRoute}
 * (optionally one rule, by the rule's {@code name}). Policy targetRefs are local references, so
 * {@code namespace} is the policy's own namespace.
 *
 * @param kind {@link #GATEWAY} or {@link #HTTP_ROUTE}
 * @param namespace the target's namespace (the policy's namespace)
 * @param name the target's name
 * @param sectionName a listener name (Gateway) or rule name (HTTPRoute), or null for the whole target
 */
public record PolicyTarget(String kind, String namespace, String name, @Nullable String sectionName) {

    /** The {@code Gateway} kind. */
    public static final String GATEWAY = "Gateway";
    /** The {@code HTTPRoute} kind. */
    public static final String HTTP_ROUTE = "HTTPRoute";

    public PolicyTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (sectionName != null && sectionName.isEmpty()) {
            sectionName = null;
        }
    }
}
