package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A JWKS given in the configuration. */
public final class LocalJwks implements JwksSource {

    private final JWKSet keys;
    private final CompletableFuture<JWKSet> completed;

    private LocalJwks(JWKSet keys) {
        this.keys = PublicKeys.only(keys);
        this.completed = CompletableFuture.completedFuture(this.keys);
    }

    /** A source of the keys in {@code jwks}. */
    public static LocalJwks of(JWKSet jwks) {
        return new LocalJwks(Objects.requireNonNull(jwks, "jwks"));
    }

    /**
     * Parses a JWKS document.
     *
     * @throws IllegalArgumentException when {@code json} is not a JWK set
     */
    public static LocalJwks parse(String json) {
        try {
            return new LocalJwks(JWKSet.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("jwks: " + e.getMessage() + " (expected: a JWK Set, RFC 7517 §5)", e);
        }
    }

    @Override
    public JWKSet cached() {
        return keys;
    }

    @Override
    public CompletionStage<JWKSet> keys() {
        return completed;
    }

    @Override
    public CompletionStage<JWKSet> refreshForUnknownKey() {
        return completed;
    }
}
