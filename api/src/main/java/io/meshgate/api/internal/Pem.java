package io.meshgate.api.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** PEM checks for certificates and private keys found in Secrets. */
public final class Pem {

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    private Pem() {}

    /** The certificates of a PEM bundle; throws {@link IllegalArgumentException} when there are none or one is bad. */
    public static List<X509Certificate> certificates(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no PEM certificate (expected: -----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a valid PEM certificate (" + e.getMessage() + ")");
        }
    }

    /**
     * Checks a PEM private key: PKCS#8 ({@code PRIVATE KEY}) must decode as an RSA, EC, Ed25519 or Ed448 key;
     * PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) must be valid base64; encrypted
     * keys are refused (there is no way to give a password).
     */
    public static void checkPrivateKey(String pem) {
        privateKey(pem);
    }

    /**
     * Checks that a PKCS#8 private key belongs to a certificate, by signing with one and verifying with the
     * other (works for RSA, EC and EdDSA alike). Keys in other encodings are not checked.
     *
     * @throws IllegalArgumentException when they do not belong together
     */
    public static void checkKeyMatches(String keyPem, X509Certificate cert) {
        PrivateKey key = privateKey(keyPem);
        if (key == null) {
            return;
        }
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "meshgate key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(alg);
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(alg);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: fall through
        }
        throw new IllegalArgumentException("the private key does not belong to the certificate "
                                           + cert.getSubjectX500Principal().getName());
    }

    private static @Nullable PrivateKey privateKey(String pem) {
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no PEM private key (expected: -----BEGIN PRIVATE KEY-----)");
        }
        String type = m.group(1).trim();
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("private key is not valid base64");
        }
        switch (type) {
            case "" -> {
                for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
                    try {
                        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException ignored) {
                        // try the next algorithm
                    }
                }
                throw new IllegalArgumentException("PKCS#8 private key is not an RSA, EC, Ed25519 or Ed448 key");
            }
            case "RSA", "EC" -> {
                if (der.length == 0 || der[0] != 0x30) {
                    throw new IllegalArgumentException(type + " private key is not DER");
                }
                return null;
            }
            case "ENCRYPTED" -> throw new IllegalArgumentException("encrypted private keys are not supported "
                                                                    + "(expected: an unencrypted PKCS#8 key)");
            default -> throw new IllegalArgumentException(type + " PRIVATE KEY is not supported");
        }
    }
}
