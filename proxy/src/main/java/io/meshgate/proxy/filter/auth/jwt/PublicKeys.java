package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import java.util.ArrayList;
import java.util.List;

/** Reduces a JWK set to the asymmetric public keys a verifier may use. */
final class PublicKeys {

    private PublicKeys() {
    }

    /**
     * The public halves of the set's RSA, EC and OKP keys. Symmetric ({@code oct}) keys are dropped:
     * a published JWKS holding a shared secret would let anyone forge tokens (RFC 8725 §3.1, §3.5).
     */
    static JWKSet only(JWKSet set) {
        List<JWK> out = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            KeyType kty = key.getKeyType();
            if (KeyType.RSA.equals(kty) || KeyType.EC.equals(kty) || KeyType.OKP.equals(kty)) {
                JWK pub = key.toPublicJWK();
                if (pub != null) {
                    out.add(pub);
                }
            }
        }
        return new JWKSet(out);
    }
}
