package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks one token against one provider: signature by a selected key, then the registered claims. */
final class TokenVerifier {

    private TokenVerifier() {
    }

    /** The outcome of one verification. */
    sealed interface Result {
        /** Signature and claims hold. */
        record Valid(JWTClaimsSet claims) implements Result { }

        /** The token names a key id the set lacks; worth one refresh of the set. */
        record UnknownKey() implements Result { }

        /** The token is not acceptable, for {@code reason}. */
        record Invalid(String reason) implements Result { }
    }

    static Result verify(SignedJWT jwt, JwtProviderConfig provider, JWKSet keys, Clock clock) {
        KeySelector.Selection selection = KeySelector.select(jwt.getHeader(), keys);
        if (selection.unknownKeyId()) {
            return new Result.UnknownKey();
        }
        if (selection.verifiers().isEmpty()) {
            return new Result.Invalid("no key of provider " + provider.name() + " accepts algorithm "
                    + jwt.getHeader().getAlgorithm());
        }
        if (!signedByOneOf(jwt, selection.verifiers())) {
            return new Result.Invalid("invalid signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Result.Invalid("malformed claims");
        }
        String problem = claimsProblem(claims, provider, clock.instant());
        return problem == null ? new Result.Valid(claims) : new Result.Invalid(problem);
    }

    private static boolean signedByOneOf(SignedJWT jwt, List<JWSVerifier> verifiers) {
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // not this key
            }
        }
        return false;
    }

    private static @Nullable String claimsProblem(JWTClaimsSet claims, JwtProviderConfig provider, Instant now) {
        if (provider.issuer() != null && !provider.issuer().equals(claims.getIssuer())) {
            return "issuer not accepted";
        }
        if (!provider.audiences().isEmpty()) {
            List<String> aud = claims.getAudience();
            if (aud == null || aud.stream().noneMatch(provider.audiences()::contains)) {
                return "audience not accepted";
            }
        }
        long skew = provider.clockSkew().toSeconds();
        Date exp = claims.getExpirationTime();
        // RFC 7519 §4.1.4: the current time must be before exp.
        if (exp != null && !now.isBefore(exp.toInstant().plusSeconds(skew))) {
            return "token expired";
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plusSeconds(skew).isBefore(nbf.toInstant())) {
            return "token not yet valid";
        }
        return null;
    }
}
