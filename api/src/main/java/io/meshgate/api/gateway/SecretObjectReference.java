package io.meshgate.api.gateway;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a Secret (Gateway API {@code SecretObjectReference}), e.g. a listener's
 * {@code certificateRefs} entry.
 *
 * @param group API group of the referent, default {@code ""} (core); only core is supported
 * @param kind kind of the referent, default {@code Secret}; only Secret is supported
 * @param name name of the Secret, required
 * @param namespace namespace of the Secret; null means the referring resource's namespace. A different
 *     namespace needs a ReferenceGrant there.
 */
public record SecretObjectReference(String group, String kind, String name, @Nullable String namespace) {
    public SecretObjectReference(@Nullable String group, @Nullable String kind, @Nullable String name,
                                 @Nullable String namespace) {
        this.group = Checks.orDefault(group, "");
        this.kind = Checks.orDefault(kind, "Secret");
        this.name = Checks.requiredText(name, "name");
        this.namespace = namespace == null || namespace.isEmpty() ? null : namespace;
        Checks.check(this.group.isEmpty() && this.kind.equals("Secret"), "kind",
                Checks.quote(this.group.isEmpty() ? this.kind : this.group + "/" + this.kind)
                + " (expected: Secret in the core group)");
    }

    /** The referent's namespace given the referring resource's namespace. */
    public String namespaceOr(String fromNamespace) {
        return namespace == null ? fromNamespace : namespace;
    }
}
