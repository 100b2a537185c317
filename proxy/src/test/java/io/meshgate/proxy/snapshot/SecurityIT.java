package io.meshgate.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.meshgate.api.security.ApiKeys;
import io.meshgate.proxy.filter.auth.SecurityPolicyCompiler;
import io.meshgate.proxy.server.ProxyServer;
import io.meshgate.proxy.server.ProxyServerOptions;
import io.meshgate.proxy.tls.ServerTlsContexts;
import io.meshgate.testkit.Behaviors;
import io.meshgate.testkit.FakeRequest;
import io.meshgate.testkit.FakeUpstream;
import io.meshgate.testkit.SelfSignedCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.handler.ssl.ClientAuth;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SecurityPolicies over real sockets: a gateway (ProxyServer from YAML written here) in front of a
 * fake backend, driven by the JDK HTTP client and curl. The JWKS and the external authorization
 * service are HTTP servers on 127.0.0.1; JWTs are signed here with keys made here.
 */
class SecurityIT {

    static final String API_KEY = ApiKeys.generate(new SecureRandom());
    static final String PASSWORD = "s3cret-pass";

    static FakeUpstream backend;
    static HttpServer idp;
    static HttpServer authz;
    static RSAKey signingKey;
    static DefaultEventLoopGroup loops;
    static SecurityPolicyCompiler compiler;
    static final List<ProxyServer> servers = new ArrayList<>();
    static String http;
    static String https;
    static HttpClient client;
    static SelfSignedCertificates ca;
    static SelfSignedCertificates.Issued serverCert;

    @TempDir
    static Path dir;

    static String config() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String bcrypt = OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 4);
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: meshgate
                  listeners:
                    - {name: http, protocol: HTTP, port: 8080}
                    - name: https
                      protocol: HTTPS
                      port: 8443
                      tls: {certificateRefs: [{name: server-cert}]}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: server-cert}
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: client-ca}
                stringData:
                  ca.crt: |
                %s
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: ClientTrafficPolicy
                metadata: {name: mtls}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: edge, sectionName: https}]
                  tls: {clientValidation: {caCertificateRefs: [{name: client-ca}], optional: true}}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Backend
                metadata: {name: accounts}
                spec: {endpoints: [{address: 127.0.0.1, port: %d}]}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: accounts}
                spec:
                  parentRefs: [{name: edge}]
                  rules:
                    - {name: keys, matches: [{path: {type: PathPrefix, value: /keys}}], backendRefs: [{name: accounts}]}
                    - {name: jwt, matches: [{path: {type: PathPrefix, value: /jwt}}], backendRefs: [{name: accounts}]}
                    - {name: basic, matches: [{path: {type: PathPrefix, value: /basic}}], backendRefs: [{name: accounts}]}
                    - {name: ext, matches: [{path: {type: PathPrefix, value: /ext}}], backendRefs: [{name: accounts}]}
                    - {name: lab, matches: [{path: {type: PathPrefix, value: /lab}}], backendRefs: [{name: accounts}]}
                    - {name: certs, matches: [{path: {type: PathPrefix, value: /certs}}], backendRefs: [{name: accounts}]}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: Consumer
                metadata: {name: alice}
                spec:
                  credentials:
                    apiKeys: [{hash: "%s"}]
                    basicAuth: {passwordHash: "%s"}
                    clientCertificates: [{san: "spiffe://bank.local/service/ledger"}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: keys}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: keys}]
                  apiKeyAuth: {extractFrom: [{headers: [x-api-key]}, {params: [api_key]}]}
                  cors:
                    allowOrigins: ["https://app.example.com"]
                    allowMethods: [GET, DELETE]
                    allowHeaders: [x-api-key]
                    maxAge: 10m
                    allowCredentials: true
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: jwt}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: jwt}]
                  jwt:
                    providers:
                      - name: idp
                        issuer: https://idp.example.com
                        audiences: [bank]
                        remoteJWKS: {uri: "http://127.0.0.1:%d/jwks.json"}
                        claimToHeaders: [{header: x-user, claim: sub}]
                  authorization:
                    rules: [{action: Allow, principal: {jwt: {provider: idp, scopes: [accounts:read]}}}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: basic}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: basic}]
                  basicAuth: {}
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: ext}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: ext}]
                  extAuth:
                    http: {url: "http://127.0.0.1:%d", path: /check, headersToBackend: [x-role]}
                    timeout: 2s
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: lab}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: lab}]
                  authorization:
                    defaultAction: Allow
                    rules: [{action: Deny, principal: {clientCIDRs: [127.0.0.0/8, "::1/128"]}}]
                ---
                apiVersion: meshgate.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: certs}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: HTTPRoute, name: accounts, sectionName: certs}]
                  clientCertificateAuth: {}
                """.formatted(serverCert.chainPem().indent(4).stripTrailing(),
                serverCert.privateKeyPem().indent(4).stripTrailing(), ca.caCertificatePem().indent(4).stripTrailing(),
                backend.port(), ApiKeys.hash(API_KEY), bcrypt, idp.getAddress().getPort(), authz.getAddress().getPort());
    }

    @BeforeAll
    static void start() throws Exception {
        backend = FakeUpstream.start(Behaviors.text(200, "ok"));
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        idp = serve(ex -> respond(ex, 200, "{\"keys\":[" + signingKey.toPublicJWK().toJSONString() + "]}"));
        authz = serve(ex -> {
            boolean ok = "let-me-in".equals(ex.getRequestHeaders().getFirst("authorization"));
            if (ok) {
                ex.getResponseHeaders().set("x-role", "teller");
            }
            respond(ex, ok ? 200 : 403, ok ? "" : "{\"denied\":\"" + ex.getRequestURI() + "\"}");
        });
        ca = SelfSignedCertificates.newAuthority("test CA");
        serverCert = ca.issue("localhost", "127.0.0.1");

        loops = new DefaultEventLoopGroup(1);
        compiler = new SecurityPolicyCompiler(new PolicyEnvironment(loops, Clock.systemUTC(), new SimpleMeterRegistry()));
        Compiling c = new Compiling();
        c.policies.add(compiler);
        // The gateway's own TLS factory: it asks for client certificates when a ClientTrafficPolicy sets a CA.
        ServerTlsFactory tls = (chain, key, caPem, optional) -> ServerTlsContexts.fromPem(chain, key, caPem,
                caPem == null ? ClientAuth.NONE : optional ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);
        SnapshotCompiler.Result result = new SnapshotCompiler(c.registry, c.policies, null, tls)
                .compile(Compiling.load(config()), 1);
        assertThat(result).isInstanceOf(SnapshotCompiler.Result.Compiled.class);
        ((SnapshotCompiler.Result.Compiled) result).clusters().commit();
        ProxySnapshot compiled = ((SnapshotCompiler.Result.Compiled) result).snapshot();
        // One server per port: both bind 127.0.0.1:0, which one server would take for the same listener.
        for (ListenerPort p : compiled.ports()) {
            ListenerPort ephemeral = new ListenerPort("127.0.0.1", 0, p.tls(), p.routes(), p.limits());
            ProxyServer s = new ProxyServer(new SnapshotHolder(new ProxySnapshot(1, List.of(ephemeral),
                    compiled.clusters(), "{}")), ProxyServerOptions.defaults().withEventLoopThreads(1)).start();
            servers.add(s);
            String base = "127.0.0.1:" + s.localPort("127.0.0.1", 0);
            if (p.isTls()) {
                https = "https://" + base;
            } else {
                http = "http://" + base;
            }
        }
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void stop() {
        servers.forEach(ProxyServer::close);
        if (compiler != null) {
            compiler.close();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        for (HttpServer s : new HttpServer[] {idp, authz}) {
            if (s != null) {
                s.stop(0);
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException;
    }

    static HttpServer serve(Handler handler) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", handler::handle);
        s.start();
        return s;
    }

    static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static FakeRequest lastUpstream() {
        return backend.lastRequest();
    }

    static String token(String scope, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.example.com").audience("bank").subject("alice")
                        .claim("scope", scope).expirationTime(Date.from(expires)).build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    /** curl's status code for a request; curl is the client users have. */
    static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void apiKeyIdentifiesTheConsumerAndNeverReachesTheBackend() throws Exception {
        HttpResponse<String> ok = send("GET", "/keys/1", "x-api-key", API_KEY, "x-consumer-name", "mallory");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(lastUpstream().headers().getAll("x-consumer-name")).containsExactly("alice");
        assertThat(lastUpstream().headers().contains("x-api-key")).isFalse();

        assertThat(curl(http + "/keys/2?api_key=" + API_KEY)).isEqualTo("200");
        assertThat(lastUpstream().uri()).isEqualTo("/keys/2");

        HttpResponse<String> missing = send("GET", "/keys/1");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("www-authenticate")).hasValue("ApiKey realm=\"meshgate\"");
        assertThat(curl("-H", "x-api-key: mgk_wrong", http + "/keys/1")).isEqualTo("401");
    }

    @Test
    void corsPreflightIsAnsweredAtTheGatewayAndErrorsCarryCorsHeaders() throws Exception {
        int before = backend.requestCount();
        HttpResponse<String> preflight = send("OPTIONS", "/keys/1", "origin", "https://app.example.com",
                "access-control-request-method", "DELETE", "access-control-request-headers", "x-api-key");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("600");
        assertThat(backend.requestCount()).as("preflights never reach the backend").isEqualTo(before);

        HttpResponse<String> unauthorized = send("GET", "/keys/1", "origin", "https://app.example.com");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
        assertThat(unauthorized.headers().allValues("vary")).contains("Origin");

        assertThat(send("OPTIONS", "/keys/1", "origin", "https://evil.example",
                "access-control-request-method", "GET").statusCode()).isEqualTo(403);
    }

    @Test
    void jwtFromARemoteJwksWithScopesAndClaimHeaders() throws Exception {
        Instant soon = Instant.now().plusSeconds(300);
        HttpResponse<String> ok = send("GET", "/jwt/accounts", "authorization", "Bearer " + token("accounts:read", soon));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(lastUpstream().header("x-user")).isEqualTo("alice");
        assertThat(lastUpstream().headers().contains("authorization")).isFalse();

        HttpResponse<String> noScope = send("GET", "/jwt/accounts", "authorization", "Bearer " + token("profile", soon));
        assertThat(noScope.statusCode()).isEqualTo(403);
        assertThat(noScope.headers().firstValue("www-authenticate").orElse("")).contains("insufficient_scope");

        assertThat(send("GET", "/jwt/accounts").statusCode()).isEqualTo(401);
        String expired = token("accounts:read", Instant.now().minusSeconds(600));
        assertThat(curl("-H", "Authorization: Bearer " + expired, http + "/jwt/accounts")).isEqualTo("401");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + token("accounts:read", soon).split("\\.")[1] + ".";
        assertThat(curl("-H", "Authorization: Bearer " + none, http + "/jwt/accounts")).isEqualTo("401");
    }

    @Test
    void basicAuthAgainstTheConsumersBcryptHash() throws Exception {
        assertThat(curl("-u", "alice:" + PASSWORD, http + "/basic/x")).isEqualTo("200");
        assertThat(lastUpstream().header("x-consumer-name")).isEqualTo("alice");
        assertThat(lastUpstream().headers().contains("authorization")).isFalse();
        assertThat(curl("-u", "alice:wrong", http + "/basic/x")).isEqualTo("401");
        HttpResponse<String> none = send("GET", "/basic/x");
        assertThat(none.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"meshgate\", charset=\"UTF-8\"");
    }

    @Test
    void externalAuthorizationDecides() throws Exception {
        HttpResponse<String> ok = send("GET", "/ext/a", "authorization", "let-me-in");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(lastUpstream().header("x-role")).isEqualTo("teller");

        HttpResponse<String> denied = send("POST", "/ext/a?x=1", "authorization", "nope");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("{\"denied\":\"/check/ext/a?x=1\"}");
    }

    @Test
    void clientAddressRulesDenyTheLoopback() throws Exception {
        assertThat(send("GET", "/lab/x").statusCode()).isEqualTo(403);
        assertThat(curl(http + "/lab/x")).isEqualTo("403");
    }

    @Test
    void clientCertificateSanMapsToTheConsumer() throws Exception {
        SelfSignedCertificates.Issued client = ca.issue(List.of("ledger-7f9"), List.of("spiffe://bank.local/service/ledger"));
        SelfSignedCertificates.Issued stranger = ca.issue(List.of("stranger"), List.of("spiffe://bank.local/service/x"));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.caCertificatePem());
        Path cert = Files.writeString(dir.resolve("client.pem"), client.certificatePem());
        Path key = Files.writeString(dir.resolve("client.key"), client.privateKeyPem());
        Path otherCert = Files.writeString(dir.resolve("other.pem"), stranger.certificatePem());
        Path otherKey = Files.writeString(dir.resolve("other.key"), stranger.privateKeyPem());

        assertThat(curl("--cacert", caFile.toString(), "--cert", cert.toString(), "--key", key.toString(),
                https + "/certs/balance")).isEqualTo("200");
        assertThat(lastUpstream().header("x-consumer-name")).isEqualTo("alice");
        assertThat(curl("--cacert", caFile.toString(), "--cert", otherCert.toString(), "--key", otherKey.toString(),
                https + "/certs/balance")).isEqualTo("403");
        assertThat(curl("--cacert", caFile.toString(), https + "/certs/balance")).as("no certificate").isEqualTo("403");
    }
}
