package io.meshgate.api.security;

import io.meshgate.api.LabelSelector;
import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code basicAuth}: requests must carry {@code Authorization: Basic} with a Consumer's user name and
 * password, checked against the Consumer's bcrypt hash.
 *
 * @param credentialRefs Consumers whose passwords are accepted (meshgate: Consumers instead of Envoy
 *     Gateway's {@code users} htpasswd Secret, whose SHA-1 hashes meshgate does not accept)
 * @param consumerSelector Consumers whose labels match are accepted too (meshgate)
 * @param forwardUsernameHeader request header that carries the consumer name upstream, default
 *     {@code x-consumer-name}
 */
public record BasicAuth(List<ConsumerReference> credentialRefs, @Nullable LabelSelector consumerSelector,
                        String forwardUsernameHeader) implements ConsumerSelection {
    public BasicAuth(@Nullable List<ConsumerReference> credentialRefs, @Nullable LabelSelector consumerSelector,
                     @Nullable String forwardUsernameHeader) {
        this.credentialRefs = Checks.list(credentialRefs, "credentialRefs");
        this.consumerSelector = consumerSelector;
        this.forwardUsernameHeader = Checks.headerName(
                Checks.orDefault(forwardUsernameHeader, ApiKeyAuth.DEFAULT_CLIENT_ID_HEADER), "forwardUsernameHeader");
    }
}
