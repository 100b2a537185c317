package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Where a JWT provider's public keys come from: a local JWKS, or a remote one fetched over
 * HTTP(S) and cached. Thread-safe; never blocks.
 */
public interface JwksSource {

    /** The keys held now, or null when none were loaded yet (the caller then awaits {@link #keys()}). */
    @Nullable JWKSet cached();

    /** The keys, loading them if none are held; completes exceptionally when they cannot be had. */
    CompletionStage<JWKSet> keys();

    /**
     * Fresh keys because a token named a key id the cached set lacks (the issuer may have rotated).
     * Refreshes at most once per minimum interval, so forged key ids cannot turn the proxy into a
     * load generator against the issuer; otherwise answers the cached keys.
     */
    CompletionStage<JWKSet> refreshForUnknownKey();
}
