package io.meshgate.api.gateway;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code ReferenceGrant} ({@code v1beta1} or {@code v1}): lets resources in other
 * namespaces refer to resources in this one. Without one, a cross-namespace backendRef resolves to
 * nothing and a cross-namespace certificateRef is an error.
 *
 * @param metadata name and namespace (the namespace of the referents)
 * @param spec who may refer ({@code from}) to what ({@code to}), required
 */
public record ReferenceGrant(ObjectMeta metadata, Spec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "ReferenceGrant";

    public ReferenceGrant(@Nullable ObjectMeta metadata, @Nullable Spec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Whether this grant lets a {@code fromGroup/fromKind} in {@code fromNamespace} refer to the
     * {@code toGroup/toKind} named {@code toName} in this grant's namespace.
     */
    public boolean permits(String fromGroup, String fromKind, String fromNamespace,
                           String toGroup, String toKind, String toName) {
        boolean fromOk = spec.from().stream().anyMatch(
                f -> f.group().equals(fromGroup) && f.kind().equals(fromKind) && f.namespace().equals(fromNamespace));
        return fromOk && spec.to().stream().anyMatch(
                t -> t.group().equals(toGroup) && t.kind().equals(toKind) && (t.name() == null || t.name().equals(toName)));
    }

    /**
     * A ReferenceGrant {@code spec}.
     *
     * @param from 1..16 referrers (group, kind, namespace)
     * @param to 1..16 referents (group, kind, optional name) in the grant's namespace
     */
    public record Spec(List<From> from, List<To> to) {
        public Spec(@Nullable List<From> from, @Nullable List<To> to) {
            this.from = Checks.list(from, "from");
            this.to = Checks.list(to, "to");
            Checks.check(!this.from.isEmpty() && this.from.size() <= 16, "from",
                    this.from.size() + " entries (expected: 1..16)");
            Checks.check(!this.to.isEmpty() && this.to.size() <= 16, "to",
                    this.to.size() + " entries (expected: 1..16)");
        }
    }

    /**
     * A {@code spec.from} entry.
     *
     * @param group the referrer's API group, required ({@code ""} for core; {@code gateway.networking.k8s.io})
     * @param kind the referrer's kind, required, e.g. {@code HTTPRoute} or {@code Gateway}
     * @param namespace the referrer's namespace, required
     */
    public record From(String group, String kind, String namespace) {
        public From {
            group = Checks.required(group, "group");
            kind = Checks.requiredText(kind, "kind");
            namespace = Checks.requiredText(namespace, "namespace");
        }
    }

    /**
     * A {@code spec.to} entry.
     *
     * @param group the referent's API group, required ({@code ""} for core Secret and Service)
     * @param kind the referent's kind, required, e.g. {@code Secret}, {@code Service}, {@code Backend}
     * @param name a single referent, or null for every referent of that kind in the namespace
     */
    public record To(String group, String kind, @Nullable String name) {
        public To {
            group = Checks.required(group, "group");
            kind = Checks.requiredText(kind, "kind");
            name = name == null || name.isEmpty() ? null : name;
        }
    }
}
