package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;

/**
 * A reference to a resource in the same namespace (the ExtensionRef filter's target).
 *
 * @param group API group, required
 * @param kind kind, required
 * @param name name, required
 */
public record LocalObjectReference(String group, String kind, String name) {
    public LocalObjectReference {
        group = Checks.required(group, "group");
        kind = Checks.requiredText(kind, "kind");
        name = Checks.requiredText(name, "name");
    }
}
