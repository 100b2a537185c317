package io.meshgate.proxy.filter.auth.apikey;

import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthResponses;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.filter.auth.CredentialSource;
import io.meshgate.proxy.http.Exchange;
import java.util.Objects;

/**
 * Authenticates a request by an API key taken from a header, query parameter or cookie, looked up
 * by its SHA-256 hash among the Consumers' keys.
 *
 * <p>Answers 401 with {@code WWW-Authenticate: ApiKey realm="meshgate"} when the key is missing,
 * unknown or revoked. On success it records the consumer ({@link AuthAttributes#IDENTITY}), sets the
 * client-id header upstream and (by default) strips the key so the backend never sees it.
 */
public final class ApiKeyAuthFilter implements HttpFilter {

    private static final String CHALLENGE = "ApiKey realm=\"" + AuthResponses.REALM + "\"";

    private final ApiKeyAuthConfig config;

    /** A filter for {@code config}, shared by every request of the route. */
    public ApiKeyAuthFilter(ApiKeyAuthConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.AUTHN;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        String clientIdHeader = config.forwardClientIdHeader();
        if (clientIdHeader != null) {
            // Whatever the client put there is not an authenticated identity.
            exchange.requestHeaders().remove(clientIdHeader);
        }
        String key = null;
        for (CredentialSource source : config.extractFrom()) {
            key = source.extract(exchange);
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            return AuthResponses.unauthorized(CHALLENGE, "missing API key");
        }
        // The map lookup compares hashes, not keys: timing can reveal at most how much of a SHA-256
        // digest an attacker guessed, which does not help recover any key (preimage resistance).
        String consumer = config.consumersByKeyHash().get(ApiKeys.hash(key));
        if (consumer == null) {
            return AuthResponses.unauthorized(CHALLENGE + ", error=\"invalid_key\"", "invalid API key");
        }
        if (config.sanitize()) {
            config.extractFrom().forEach(source -> source.remove(exchange));
        }
        if (clientIdHeader != null) {
            exchange.requestHeaders().set(clientIdHeader, consumer);
        }
        exchange.attr(AuthAttributes.IDENTITY, new AuthenticatedIdentity(consumer, AuthenticatedIdentity.Method.API_KEY));
        return FilterResult.next();
    }
}
