package io.meshgate.proxy.filter.auth.jwt;

import io.meshgate.proxy.filter.auth.CredentialSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One trusted token issuer of a {@link JwtAuthConfig}.
 *
 * @param name the provider name (authorization rules refer to it)
 * @param issuer the required {@code iss}, or null to accept any issuer
 * @param audiences accepted {@code aud} values; the token must name one of them. Empty: not checked
 * @param jwks where the verification keys come from
 * @param claimToHeaders claims copied into request headers
 * @param extractFrom where the token is looked for; empty means {@code Authorization: Bearer} and
 *                    the {@code access_token} query parameter
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf} (default 60 s)
 */
public record JwtProviderConfig(String name, @Nullable String issuer, List<String> audiences, JwksSource jwks,
                                List<ClaimToHeader> claimToHeaders, List<CredentialSource> extractFrom,
                                Duration clockSkew) {

    /** The default clock skew, Envoy's. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** The token locations used when none are configured (RFC 6750 §2.1 and §2.3). */
    public static final List<CredentialSource> DEFAULT_EXTRACT_FROM = List.of(
            new CredentialSource.Header("authorization", "Bearer "), new CredentialSource.QueryParam("access_token"));

    public JwtProviderConfig {
        Objects.requireNonNull(name, "name");
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(jwks, "jwks");
        claimToHeaders = List.copyOf(claimToHeaders);
        extractFrom = extractFrom.isEmpty() ? DEFAULT_EXTRACT_FROM : List.copyOf(extractFrom);
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: >= 0)");
        }
    }
}
