package io.meshgate.api.security;

import io.meshgate.api.ResourceKinds;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A {@code credentialRefs} entry: a Consumer in the policy's namespace whose credentials the policy
 * accepts. (Envoy Gateway references Secrets here; meshgate keeps credentials in Consumers, hashed.)
 *
 * @param group API group, default {@code meshgate.io}
 * @param kind kind, default {@code Consumer}; only Consumer is supported
 * @param name the Consumer's name, required
 */
public record ConsumerReference(String group, String kind, String name) {
    public ConsumerReference(@Nullable String group, @Nullable String kind, @Nullable String name) {
        this.group = Checks.orDefault(group, ResourceKinds.MESHGATE_GROUP);
        this.kind = Checks.orDefault(kind, Consumer.KIND);
        this.name = Checks.requiredText(name, "name");
        Checks.check(this.group.equals(ResourceKinds.MESHGATE_GROUP) && this.kind.equals(Consumer.KIND), "kind",
                Checks.quote(this.group.isEmpty() ? this.kind : this.group + "/" + this.kind)
                + " (expected: meshgate.io/Consumer; API keys and passwords live in Consumers, hashed)");
    }
}
