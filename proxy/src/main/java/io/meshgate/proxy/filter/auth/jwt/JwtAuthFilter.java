package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthResponses;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.filter.auth.CredentialSource;
import io.meshgate.proxy.filter.auth.VerifiedJwt;
import io.meshgate.proxy.http.Exchange;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates a request by a JWT (RFC 7519) verified against the keys of one of the configured
 * providers.
 *
 * <p>Answers 401 with a {@code Bearer} challenge (RFC 6750 §3) when the token is missing (unless
 * {@code optional}) or invalid: malformed, unsigned ({@code alg: none}), signed with an algorithm
 * or key the provider does not accept, wrong issuer or audience, expired or not yet valid (with
 * the configured clock skew). Answers 503 when the provider's keys cannot be fetched and none are
 * cached. On success it records the claims ({@link AuthAttributes#JWT}) and the subject as the
 * identity, copies the configured claims to headers and strips the token.
 *
 * <p>Keys already cached are used on the event loop directly (a signature check takes tens of
 * microseconds); a missing or rotated key set is fetched asynchronously and the request resumes on
 * its event loop.
 */
public final class JwtAuthFilter implements HttpFilter {

    private static final String CHALLENGE = "Bearer realm=\"" + AuthResponses.REALM + "\"";

    private final JwtAuthConfig config;
    private final List<String> claimHeaders;

    /** A filter for {@code config}, shared by every request of the route. */
    public JwtAuthFilter(JwtAuthConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.claimHeaders = config.providers().stream()
                .flatMap(p -> p.claimToHeaders().stream().map(ClaimToHeader::header)).distinct().toList();
    }

    @Override
    public Phase phase() {
        return Phase.AUTHN;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        // Only verified claims may reach the backend under these names.
        claimHeaders.forEach(exchange.requestHeaders()::remove);
        String token = null;
        List<JwtProviderConfig> candidates = new ArrayList<>();
        for (JwtProviderConfig provider : config.providers()) {
            String found = firstToken(exchange, provider.extractFrom());
            if (found != null && (token == null || token.equals(found))) {
                token = found;
                candidates.add(provider);
            }
        }
        if (token == null) {
            return config.optional() ? FilterResult.next() : AuthResponses.unauthorized(CHALLENGE, "missing token");
        }
        SignedJWT jwt;
        String issuer;
        try {
            jwt = SignedJWT.parse(token); // refuses unsecured "alg: none" tokens and JWE
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return invalid("malformed token");
        }
        // Only providers configured for the token's issuer (or for any issuer) get to verify it.
        candidates.removeIf(p -> p.issuer() != null && !p.issuer().equals(issuer));
        if (candidates.isEmpty()) {
            return invalid("issuer not accepted");
        }
        return new Attempt(exchange, jwt, candidates).run();
    }

    private static @Nullable String firstToken(Exchange exchange, List<CredentialSource> sources) {
        for (CredentialSource source : sources) {
            String value = source.extract(exchange);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static FilterResult.Respond invalid(String reason) {
        return AuthResponses.unauthorized(CHALLENGE + ", error=\"invalid_token\", error_description="
                + AuthResponses.quoted(reason), reason);
    }

    /** The verification of one request's token against its candidate providers, in order. */
    private final class Attempt {
        private final Exchange exchange;
        private final SignedJWT jwt;
        private final List<JwtProviderConfig> providers;
        private int index;
        private boolean refreshed;
        private String lastProblem = "invalid token";

        Attempt(Exchange exchange, SignedJWT jwt, List<JwtProviderConfig> providers) {
            this.exchange = exchange;
            this.jwt = jwt;
            this.providers = providers;
        }

        FilterResult run() {
            while (index < providers.size()) {
                JwtProviderConfig provider = providers.get(index);
                JWKSet keys = provider.jwks().cached();
                if (keys == null) {
                    return resumeWhen(provider.jwks().keys());
                }
                FilterResult result = check(provider, keys);
                if (result != null) {
                    return result;
                }
            }
            return invalid(lastProblem);
        }

        /** Verifies with {@code keys}; null means go on with the next provider (index advanced). */
        private @Nullable FilterResult check(JwtProviderConfig provider, JWKSet keys) {
            TokenVerifier.Result result = TokenVerifier.verify(jwt, provider, keys, config.clock());
            if (result instanceof TokenVerifier.Result.Valid valid) {
                return accept(provider, new VerifiedJwt(provider.name(), valid.claims()));
            }
            if (result instanceof TokenVerifier.Result.UnknownKey && !refreshed) {
                refreshed = true;
                return resumeWhen(provider.jwks().refreshForUnknownKey());
            }
            lastProblem = result instanceof TokenVerifier.Result.Invalid bad ? bad.reason() : "unknown signing key";
            index++;
            refreshed = false;
            return null;
        }

        private FilterResult resumeWhen(CompletionStage<JWKSet> keys) {
            JwtProviderConfig provider = providers.get(index);
            CompletableFuture<JWKSet> future = keys.toCompletableFuture();
            if (future.isDone()) {
                // Already there (local keys, a rate-limited refresh): no need to leave the loop.
                return future.isCompletedExceptionally() ? afterKeys(provider, null, true) : afterKeys(provider, future.join(), false);
            }
            // handleAsync on the exchange's loop: the exchange is confined to it.
            return FilterResult.await(future.handleAsync((loaded, error) -> afterKeys(provider, loaded, error != null),
                    exchange.eventLoop()));
        }

        private FilterResult afterKeys(JwtProviderConfig provider, @Nullable JWKSet loaded, boolean failed) {
            if (failed || loaded == null) {
                index++;
                refreshed = false;
                if (index >= providers.size()) {
                    return FilterResult.error(503, "signing keys of provider " + provider.name() + " unavailable");
                }
                return run();
            }
            FilterResult result = check(provider, loaded);
            return result != null ? result : run();
        }

        private FilterResult accept(JwtProviderConfig provider, VerifiedJwt verified) {
            exchange.attr(AuthAttributes.JWT, verified);
            String subject = verified.claims().getSubject();
            if (subject != null && !subject.isEmpty() && exchange.attr(AuthAttributes.IDENTITY) == null) {
                exchange.attr(AuthAttributes.IDENTITY, new AuthenticatedIdentity(subject, AuthenticatedIdentity.Method.JWT));
            }
            for (ClaimToHeader c : provider.claimToHeaders()) {
                String value = headerValue(verified.claim(c.claim()));
                if (value != null) {
                    exchange.requestHeaders().set(c.header(), value);
                }
            }
            for (JwtProviderConfig p : config.providers()) {
                p.extractFrom().forEach(source -> source.remove(exchange));
            }
            return FilterResult.next();
        }
    }

    private static @Nullable String headerValue(@Nullable Object claim) {
        if (!(claim instanceof String || claim instanceof Number || claim instanceof Boolean)) {
            return null;
        }
        String s = claim.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return null; // a claim cannot smuggle a header line break (RFC 9110 §5.5)
            }
        }
        return s;
    }
}
