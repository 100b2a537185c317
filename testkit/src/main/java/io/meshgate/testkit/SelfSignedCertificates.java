package io.meshgate.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: a self-signed root that issues server (and
 * client) certificates for given DNS names and IPs, as Java objects, PEM text and PEM files.
 *
 * <pre>{@code
 * SelfSignedCertificates ca = SelfSignedCertificates.newAuthority("test-ca");
 * SelfSignedCertificates.Issued cert = ca.issue("api.example.com", "127.0.0.1");
 * SslContextBuilder.forServer(cert.privateKey(), cert.certificate());
 * }</pre>
 *
 * Keys are EC P-256 (fast to generate); certificates are valid from one hour ago for one day.
 */
public final class SelfSignedCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final X500Name caName;

    private SelfSignedCertificates(String commonName) {
        this.caKeys = newKeyPair();
        this.caName = new X500Name("CN=" + commonName);
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(), notBefore(),
                    notAfter(), caName, caKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            this.caCertificate = new JcaX509CertificateConverter().getCertificate(b.build(signer(caKeys.getPrivate())));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create test CA", e);
        }
    }

    /** A new root CA with {@code commonName} as its subject CN. */
    public static SelfSignedCertificates newAuthority(String commonName) {
        return new SelfSignedCertificates(Objects.requireNonNull(commonName, "commonName"));
    }

    /** The root certificate (the trust anchor clients need). */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The root certificate as PEM. */
    public String caCertificatePem() {
        return pem(caCertificate);
    }

    /**
     * Issues a server certificate (usable for client auth too) whose SANs are {@code names}: entries
     * that look like IPv4/IPv6 literals become IP SANs, the others DNS SANs (wildcards allowed).
     * The first name is the subject CN.
     */
    public Issued issue(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("names: empty (expected: at least one DNS name or IP)");
        }
        return issue(List.of(names), List.of());
    }

    /** Like {@link #issue(String...)}, plus URI SANs (e.g. {@code spiffe://...} identities). */
    public Issued issue(List<String> names, List<String> uris) {
        KeyPair keys = newKeyPair();
        String cn = names.isEmpty() ? "client" : names.get(0);
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name("CN=" + cn), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                sans.add(new GeneralName(isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            for (String u : uris) {
                sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, u));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(caKeys.getPrivate())));
            return new Issued(cert, keys.getPrivate(), caCertificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue test certificate for " + names, e);
        }
    }

    /**
     * One issued certificate with its key.
     *
     * @param certificate the leaf certificate
     * @param privateKey its private key
     * @param issuer the CA certificate that signed it
     */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {

        /** The leaf certificate as PEM. */
        public String certificatePem() {
            return pem(certificate);
        }

        /** The leaf followed by the CA certificate, as PEM (what a server sends). */
        public String chainPem() {
            return pem(certificate) + pem(issuer);
        }

        /** The private key as PKCS#8 PEM. */
        public String privateKeyPem() {
            return pem(privateKey);
        }

        /** The CA certificate as PEM. */
        public String issuerPem() {
            return pem(issuer);
        }

        /**
         * Writes {@code tls.crt} (chain), {@code tls.key} and {@code ca.crt} into {@code dir}
         * (created if needed) and returns {@code dir}.
         */
        public Path writeTo(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("tls.crt"), chainPem(), StandardCharsets.US_ASCII);
                Files.writeString(dir.resolve("tls.key"), privateKeyPem(), StandardCharsets.US_ASCII);
                Files.writeString(dir.resolve("ca.crt"), issuerPem(), StandardCharsets.US_ASCII);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean isIpLiteral(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
