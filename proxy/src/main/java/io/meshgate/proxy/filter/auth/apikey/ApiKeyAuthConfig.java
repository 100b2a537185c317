package io.meshgate.proxy.filter.auth.apikey;

import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.auth.CredentialSource;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link ApiKeyAuthFilter}, compiled from a SecurityPolicy's {@code apiKeyAuth}
 * and the Consumers it admits.
 *
 * @param extractFrom where to look for the key, in order; the first source that has one wins
 * @param consumersByKeyHash consumer name by key hash ({@link ApiKeys#hash}); revoked keys are absent
 * @param forwardClientIdHeader request header that carries the consumer name upstream, or null for none
 * @param sanitize whether the key is removed from the request before it goes upstream
 */
public record ApiKeyAuthConfig(List<CredentialSource> extractFrom, Map<String, String> consumersByKeyHash,
                               @Nullable String forwardClientIdHeader, boolean sanitize) {

    /** The header that carries the consumer name upstream unless configured otherwise. */
    public static final String DEFAULT_CLIENT_ID_HEADER = "x-consumer-name";

    public ApiKeyAuthConfig {
        extractFrom = List.copyOf(extractFrom);
        consumersByKeyHash = Map.copyOf(consumersByKeyHash);
        if (extractFrom.isEmpty()) {
            throw new IllegalArgumentException("extractFrom: [] (expected: at least one source)");
        }
        for (String hash : consumersByKeyHash.keySet()) {
            if (!ApiKeys.isHash(hash)) {
                throw new IllegalArgumentException("consumersByKeyHash: " + hash + " (expected: sha256:<64 hex digits>)");
            }
        }
    }
}
