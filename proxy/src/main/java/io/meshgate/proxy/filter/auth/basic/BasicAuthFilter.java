package io.meshgate.proxy.filter.auth.basic;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthResponses;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic authentication (RFC 7617) against the bcrypt hashes of Consumers' passwords.
 *
 * <p>Answers 401 with {@code WWW-Authenticate: Basic realm="meshgate", charset="UTF-8"} when
 * credentials are missing, malformed or wrong, and 503 when too many password checks are queued.
 * bcrypt runs on {@code hashExecutor}, never on the event loop; recently verified pairs pass without
 * it. On success the consumer is recorded, forwarded in a header, and the Authorization header is
 * removed so the password never reaches the backend.
 */
public final class BasicAuthFilter implements HttpFilter {

    private static final String CHALLENGE = "Basic realm=\"" + AuthResponses.REALM + "\", charset=\"UTF-8\"";
    private static final String PREFIX = "Basic ";

    private final BasicAuthConfig config;
    private final PasswordVerifier verifier;

    /**
     * A filter for {@code config}.
     *
     * @param hashExecutor where bcrypt runs; bounded, so that a flood of wrong passwords gets 503s
     *                     instead of an unbounded queue
     */
    public BasicAuthFilter(BasicAuthConfig config, Executor hashExecutor) {
        this.config = Objects.requireNonNull(config, "config");
        String decoy = config.users().values().stream().map(BasicAuthConfig.User::bcryptHash).findFirst().orElse(null);
        this.verifier = new PasswordVerifier(hashExecutor, decoy, config.cacheTtl(), config.cacheMaxEntries(),
                System::nanoTime, new SecureRandom());
    }

    @Override
    public Phase phase() {
        return Phase.AUTHN;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        String header = config.forwardUsernameHeader();
        if (header != null) {
            exchange.requestHeaders().remove(header);
        }
        String[] credentials = credentials(exchange);
        if (credentials == null) {
            return AuthResponses.unauthorized(CHALLENGE, "missing credentials");
        }
        String user = credentials[0];
        String password = credentials[1];
        BasicAuthConfig.User known = config.users().get(user);
        String hash = known == null ? null : known.bcryptHash();
        if (verifier.cached(user, password, hash) != null) {
            return accept(exchange, known);
        }
        return FilterResult.await(verifier.verify(user, password, hash).handleAsync((ok, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                return cause instanceof RejectedExecutionException
                        ? FilterResult.error(503, "too many password checks in progress")
                        : FilterResult.error(500, "password check failed");
            }
            return ok && known != null ? accept(exchange, known)
                    : AuthResponses.unauthorized(CHALLENGE, "invalid credentials");
        }, exchange.eventLoop()));
    }

    private FilterResult accept(Exchange exchange, BasicAuthConfig.User user) {
        exchange.requestHeaders().remove(HttpHeaderNames.AUTHORIZATION);
        String header = config.forwardUsernameHeader();
        if (header != null) {
            exchange.requestHeaders().set(header, user.consumer());
        }
        exchange.attr(AuthAttributes.IDENTITY, new AuthenticatedIdentity(user.consumer(), AuthenticatedIdentity.Method.BASIC));
        return FilterResult.next();
    }

    /** The user and password of an {@code Authorization: Basic} header, or null. */
    private static String @Nullable [] credentials(Exchange exchange) {
        String value = exchange.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(PREFIX.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':'); // RFC 7617 §2: the user-id cannot contain a colon
        if (colon <= 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
