package io.meshgate.proxy.filter.auth.apikey;

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
 * by its SHA-256 digest among the Consumers' keys ({@link KeyDigestTable}).
 *
 * <p>Answers 401 with {@code WWW-Authenticate: ApiKey realm="meshgate"} when the key is missing,
 * unknown or revoked. On success it records the consumer ({@link AuthAttributes#IDENTITY}), sets the
 * client-id header upstream and (by default) strips the key so the backend never sees it.
 */
public final class ApiKeyAuthFilter implements HttpFilter {

    private static final String CHALLENGE = "ApiKey realm=\"" + AuthResponses.REALM + "\"";

    private final ApiKeyAuthConfig config;
    private final KeyDigestTable keys;
    private final CredentialSource[] sources;

    /** A filter for {@code config}, shared by every request of the route. */
    public ApiKeyAuthFilter(ApiKeyAuthConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = new KeyDigestTable(config.consumersByKeyHash());
        this.sources = config.extractFrom().toArray(new CredentialSource[0]);
    }

    @Override
    public Phase phase() {
        return Phase.AUTHN;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        String key = null;
        for (CredentialSource source : sources) {
            key = source.extract(exchange);
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            return AuthResponses.unauthorized(CHALLENGE, "missing API key");
        }
        AuthenticatedIdentity identity = keys.find(key);
        if (identity == null) {
            return AuthResponses.unauthorized(CHALLENGE + ", error=\"invalid_key\"", "invalid API key");
        }
        if (config.sanitize()) {
            for (CredentialSource source : sources) {
                source.remove(exchange);
            }
        }
        String clientIdHeader = config.forwardClientIdHeader();
        if (clientIdHeader != null) {
            // Replaces whatever the client put there: that is not an authenticated identity.
            exchange.requestHeaders().set(clientIdHeader, identity.consumer());
        }
        exchange.attr(AuthAttributes.IDENTITY, identity);
        return FilterResult.next();
    }
}
