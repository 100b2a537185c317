package io.meshgate.proxy.snapshot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The DNS names a server certificate is valid for: its subjectAltName dNSName entries. */
final class CertificateNames {

    private static final int DNS_NAME = 2;

    private CertificateNames() {
    }

    /** The DNS names of the first (leaf) certificate in {@code pem}; empty when it cannot be read. */
    static List<String> dnsNames(@Nullable String pem) {
        if (pem == null) {
            return List.of();
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            X509Certificate leaf = (X509Certificate) f.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            List<String> out = new ArrayList<>();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(DNS_NAME).equals(san.get(0))) {
                        out.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return out;
        } catch (CertificateParsingException e) {
            return List.of();
        } catch (CertificateException e) {
            return List.of();
        }
    }
}
