package io.meshgate.api.security;

import io.meshgate.api.LabelSelector;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which Consumers of the policy's namespace an authentication block accepts: those named in
 * {@code credentialRefs}, plus those whose labels match {@code consumerSelector}; when both are absent,
 * every Consumer of the namespace.
 */
public interface ConsumerSelection {

    /** Consumers by name. */
    List<ConsumerReference> credentialRefs();

    /** Consumers by label. */
    @Nullable LabelSelector consumerSelector();

    /** Whether {@code consumer} is accepted. */
    default boolean accepts(Consumer consumer) {
        if (credentialRefs().isEmpty() && consumerSelector() == null) {
            return true;
        }
        return credentialRefs().stream().anyMatch(r -> r.name().equals(consumer.name()))
               || consumerSelector() != null && consumerSelector().matches(consumer.metadata().labels());
    }
}
