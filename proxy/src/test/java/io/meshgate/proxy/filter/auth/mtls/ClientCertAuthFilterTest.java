package io.meshgate.proxy.filter.auth.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.TestExchange;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.http.Exchange;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientCertAuthFilterTest {

    private static final ClientCertAuthConfig CONFIG = new ClientCertAuthConfig(
            Map.of("CN=alice, O=Acme Corp", "alice"),
            Map.of("spiffe://bank.local/service/ledger", "ledger", "batch.example.com", "batch",
                    "ops@example.com", "ops"),
            true, "x-consumer-name");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            subject, other spacing/case | cn=Alice,o=acme corp     | -                                   | alice
            URI SAN (SPIFFE)            | CN=ledger-7f9            | uri:spiffe://bank.local/service/ledger | ledger
            DNS SAN, case-insensitive   | CN=x                     | dns:BATCH.example.com               | batch
            e-mail SAN                  | CN=y                     | email:ops@example.com               | ops
            """)
    void mapsCertificateToConsumer(String name, String subject, String san, String consumer) throws Exception {
        Exchange exchange = TestExchange.request().header("x-consumer-name", "mallory")
                .tls(session(certificate(subject, san))).build();

        assertThat(new ClientCertAuthFilter(CONFIG).onRequest(exchange)).isSameAs(FilterResult.next());

        assertThat(exchange.requestHeaders().getAll("x-consumer-name")).containsExactly(consumer);
        assertThat(exchange.attr(AuthAttributes.IDENTITY).consumer()).isEqualTo(consumer);
    }

    @ParameterizedTest(name = "required={0}")
    @CsvSource({"true, 403", "false, 200"})
    void unmappedCertificate(boolean required, int expected) throws Exception {
        ClientCertAuthFilter filter = new ClientCertAuthFilter(new ClientCertAuthConfig(CONFIG.consumersBySubject(),
                CONFIG.consumersBySan(), required, "x-consumer-name"));
        Exchange exchange = TestExchange.request().header("x-consumer-name", "alice")
                .tls(session(certificate("CN=mallory", "uri:spiffe://evil/x"))).build();

        FilterResult result = filter.onRequest(exchange);

        assertThat(result instanceof FilterResult.Respond r ? r.status() : 200).isEqualTo(expected);
        assertThat(exchange.requestHeaders().contains("x-consumer-name")).isFalse();
        assertThat(exchange.attr(AuthAttributes.IDENTITY)).isNull();
    }

    @Test
    void noCertificateOrCleartext() throws Exception {
        ClientCertAuthFilter filter = new ClientCertAuthFilter(CONFIG);

        FilterResult cleartext = filter.onRequest(TestExchange.request().build());
        FilterResult noCert = filter.onRequest(TestExchange.request().tls(session(null)).build());

        assertThat(((FilterResult.Respond) cleartext).status()).isEqualTo(403);
        assertThat(((FilterResult.Respond) noCert).status()).isEqualTo(403);
    }

    private static X509Certificate certificate(String subject, @Nullable String san) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair keys = gen.generateKeyPair();
        Instant now = Instant.now();
        X500Principal dn = new X500Principal(subject);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(dn, BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), dn, keys.getPublic());
        if (san != null) {
            String[] kv = san.split(":", 2);
            int type = switch (kv[0]) {
                case "uri" -> GeneralName.uniformResourceIdentifier;
                case "dns" -> GeneralName.dNSName;
                default -> GeneralName.rfc822Name;
            };
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(type, kv[1])));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** An SSLSession that only knows its peer certificates, as the handshake verified them. */
    private static SSLSession session(@Nullable X509Certificate cert) {
        return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] {SSLSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPeerCertificates")) {
                        if (cert == null) {
                            throw new SSLPeerUnverifiedException("peer not authenticated");
                        }
                        return new Certificate[] {cert};
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
