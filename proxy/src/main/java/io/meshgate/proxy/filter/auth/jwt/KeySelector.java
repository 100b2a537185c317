package io.meshgate.proxy.filter.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Picks the keys that may verify a token, the way RFC 8725 §3.1 asks: the key determines the
 * algorithm. A token's {@code alg} is only accepted when it is the one algorithm family of the key
 * (RSA: RS/PS; EC: the ES variant of its curve; OKP Ed25519: EdDSA), and equal to the key's own
 * {@code alg} when it has one. HMAC and {@code none} are never accepted, so an RSA public key can
 * never be misused as an HMAC secret. The token's {@code kid} is only ever an exact lookup key into
 * the configured set, and its {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} headers are never
 * read: keys come from configuration only.
 */
final class KeySelector {

    /** The most keys tried for a token without {@code kid}, to bound the work a forged token costs. */
    static final int MAX_KEYS_WITHOUT_KID = 8;

    private static final int MIN_RSA_BITS = 2048;
    private static final Set<JWSAlgorithm> RSA_ALGS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Map<Curve, JWSAlgorithm> EC_ALGS = Map.of(Curve.P_256, JWSAlgorithm.ES256,
            Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);
    private static final Set<JWSAlgorithm> EDDSA_ALGS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private KeySelector() {
    }

    /**
     * The verifiers for the keys of {@code keys} that may verify a token with {@code header}.
     *
     * @return the verifiers, and whether the token named a key id the set lacks
     */
    static Selection select(JWSHeader header, JWKSet keys) {
        String kid = header.getKeyID();
        List<JWSVerifier> verifiers = new ArrayList<>();
        boolean kidFound = false;
        for (JWK key : keys.getKeys()) {
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            kidFound = true;
            if (kid == null && verifiers.size() >= MAX_KEYS_WITHOUT_KID) {
                break;
            }
            JWSVerifier verifier = verifierFor(key, header.getAlgorithm());
            if (verifier != null) {
                verifiers.add(verifier);
            }
        }
        return new Selection(verifiers, kid != null && !kidFound);
    }

    private static @Nullable JWSVerifier verifierFor(JWK key, JWSAlgorithm alg) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return null;
        }
        if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return null;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return null;
        }
        try {
            if (key instanceof RSAKey rsa && RSA_ALGS.contains(alg) && rsa.size() >= MIN_RSA_BITS) {
                return new RSASSAVerifier(rsa);
            }
            if (key instanceof ECKey ec && alg.equals(EC_ALGS.get(ec.getCurve()))) {
                return new ECDSAVerifier(ec);
            }
            if (key instanceof OctetKeyPair okp && EDDSA_ALGS.contains(alg) && Curve.Ed25519.equals(okp.getCurve())) {
                return new Ed25519Verifier(okp);
            }
        } catch (JOSEException badKey) {
            return null; // a malformed key in the set verifies nothing
        }
        return null;
    }

    /**
     * The outcome of a selection.
     *
     * @param verifiers verifiers for the usable keys, possibly empty
     * @param unknownKeyId whether the token's {@code kid} matched no key of the set
     */
    record Selection(List<JWSVerifier> verifiers, boolean unknownKeyId) {
    }
}
