package io.meshgate.api.security;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.Resource;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code Consumer} ({@code meshgate.io/v1alpha1}): one API client, its labels and its
 * credentials. Credentials are stored only as hashes: the plain API key is shown once, by
 * {@code meshgate key create}. The Consumer's name is what authentication forwards upstream and what rate
 * limits key on.
 *
 * @param metadata name, namespace and labels (policies select Consumers by them)
 * @param spec credentials; default none
 */
public record Consumer(ObjectMeta metadata, ConsumerSpec spec) implements Resource {
    /** The kind as written in YAML. */
    public static final String KIND = "Consumer";

    public Consumer(@Nullable ObjectMeta metadata, @Nullable ConsumerSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = spec == null ? ConsumerSpec.EMPTY : spec;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
