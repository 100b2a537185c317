package io.meshgate.proxy.filter.auth;

import io.meshgate.api.Cidr;
import io.meshgate.api.policy.AppProtocol;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.BackendEndpoint;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.api.route.HttpMethod;
import io.meshgate.api.security.ApiKeyAuth;
import io.meshgate.api.security.Authorization;
import io.meshgate.api.security.BasicAuth;
import io.meshgate.api.security.ClientCertificateAuth;
import io.meshgate.api.security.Consumer;
import io.meshgate.api.security.ConsumerSelection;
import io.meshgate.api.security.ConsumerSpec;
import io.meshgate.api.security.Cors;
import io.meshgate.api.security.ExtAuth;
import io.meshgate.api.security.JwtAuth;
import io.meshgate.api.security.JwtProvider;
import io.meshgate.api.security.SecurityPolicy;
import io.meshgate.api.security.SecurityPolicySpec;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.auth.apikey.ApiKeyAuthConfig;
import io.meshgate.proxy.filter.auth.apikey.ApiKeyAuthFilter;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig;
import io.meshgate.proxy.filter.auth.authz.AuthorizationFilter;
import io.meshgate.proxy.filter.auth.basic.BasicAuthConfig;
import io.meshgate.proxy.filter.auth.basic.BasicAuthFilter;
import io.meshgate.proxy.filter.auth.extauth.ExtAuthConfig;
import io.meshgate.proxy.filter.auth.extauth.ExtAuthFilter;
import io.meshgate.proxy.filter.auth.jwt.ClaimToHeader;
import io.meshgate.proxy.filter.auth.jwt.JwksSource;
import io.meshgate.proxy.filter.auth.jwt.JwtAuthConfig;
import io.meshgate.proxy.filter.auth.jwt.JwtAuthFilter;
import io.meshgate.proxy.filter.auth.jwt.JwtProviderConfig;
import io.meshgate.proxy.filter.auth.jwt.LocalJwks;
import io.meshgate.proxy.filter.auth.jwt.RemoteJwks;
import io.meshgate.proxy.filter.auth.mtls.ClientCertAuthConfig;
import io.meshgate.proxy.filter.auth.mtls.ClientCertAuthFilter;
import io.meshgate.proxy.filter.cors.CorsConfig;
import io.meshgate.proxy.filter.cors.CorsFilter;
import io.meshgate.proxy.filter.cors.OriginPattern;
import io.meshgate.proxy.filter.ipfilter.IpFilter;
import io.meshgate.proxy.filter.ipfilter.IpFilterConfig;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a {@link SecurityPolicy} into the filters of the route rules it applies to:
 * CORS and (when the authorization rules only look at client addresses) the IP filter in
 * {@code ACCESS}; API key, JWT, basic auth, client certificate and external authorization in
 * {@code AUTHN}, each of which must pass; the authorization rules in {@code AUTHZ}.
 *
 * <p>Lives as long as the gateway: it owns the HTTP client for JWKS fetches and external
 * authorization, the bounded pool bcrypt runs on, and the remote JWKS caches, which survive
 * reloads so that a reload never refetches keys. The filters of one policy are built once per
 * snapshot and shared by every route rule the policy reaches.
 */
public final class SecurityPolicyCompiler implements PolicyCompiler<SecurityPolicy> {

    /** Threads that run bcrypt: bcrypt is CPU-bound, so more threads than cores would only queue. */
    private static final int HASH_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2));
    private static final int HASH_QUEUE = 256;

    private final PolicyEnvironment env;
    private final Map<String, RemoteJwks> remoteJwks = new HashMap<>();
    private final Map<SecurityPolicy, List<HttpFilter>> compiled = new IdentityHashMap<>();
    private @Nullable ResourceSet compiledFor;
    private @Nullable HttpClient httpClient;
    private @Nullable ThreadPoolExecutor hashPool;

    /** A compiler using the gateway's clock. */
    public SecurityPolicyCompiler(PolicyEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Class<SecurityPolicy> policyType() {
        return SecurityPolicy.class;
    }

    @Override
    public List<HttpFilter> filters(SecurityPolicy policy, PolicyContext context) {
        if (compiledFor != context.resources()) {
            compiled.clear(); // a new snapshot: Consumers may have changed
            compiledFor = context.resources();
        }
        List<HttpFilter> filters = compiled.get(policy);
        if (filters == null) {
            filters = build(policy, context.resources());
            compiled.put(policy, filters);
        }
        return filters;
    }

    /** The Consumers of the policy's namespace and the extAuth Backend: a new key must reach the filters. */
    @Override
    public Object inputs(SecurityPolicy policy, ResourceSet resources) {
        List<Object> inputs = new ArrayList<>();
        resources.all(Consumer.class).stream().filter(c -> c.namespace().equals(policy.namespace()))
                .forEach(inputs::add);
        ExtAuth ext = policy.spec().extAuth();
        BackendObjectReference ref = ext == null ? null : ext.http().backend();
        if (ref != null) {
            resources.backend(policy.namespace(), ref.name()).ifPresent(inputs::add);
        }
        return inputs;
    }

    @Override
    public void close() {
        if (hashPool != null) {
            hashPool.shutdownNow();
        }
        httpClient = null;
        remoteJwks.clear();
    }

    private List<HttpFilter> build(SecurityPolicy policy, ResourceSet resources) {
        SecurityPolicySpec spec = policy.spec();
        List<Consumer> consumers = resources.all(Consumer.class).stream()
                .filter(c -> c.namespace().equals(policy.namespace())).toList();
        List<HttpFilter> out = new ArrayList<>();
        if (spec.cors() != null) {
            out.add(new CorsFilter(cors(spec.cors())));
        }
        Authorization authz = spec.authorization();
        if (authz != null && onlyClientAddresses(authz)) {
            out.add(new IpFilter(ipFilter(authz)));
        }
        if (spec.apiKeyAuth() != null) {
            out.add(new ApiKeyAuthFilter(apiKeys(spec.apiKeyAuth(), consumers)));
        }
        if (spec.jwt() != null) {
            out.add(new JwtAuthFilter(jwt(spec.jwt())));
        }
        if (spec.basicAuth() != null) {
            out.add(new BasicAuthFilter(basic(spec.basicAuth(), consumers), hashPool()));
        }
        if (spec.clientCertificateAuth() != null) {
            out.add(new ClientCertAuthFilter(clientCerts(spec.clientCertificateAuth(), consumers)));
        }
        if (spec.extAuth() != null) {
            out.add(new ExtAuthFilter(extAuth(spec.extAuth(), policy, resources), httpClient()));
        }
        if (authz != null && !onlyClientAddresses(authz)) {
            out.add(new AuthorizationFilter(authorization(authz)));
        }
        return List.copyOf(out);
    }

    private static CorsConfig cors(Cors cors) {
        List<OriginPattern> origins = new ArrayList<>();
        for (int i = 0; i < cors.allowOrigins().size(); i++) {
            try {
                origins.add(OriginPattern.parse(cors.allowOrigins().get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cors.allowOrigins[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new CorsConfig(origins, cors.allowMethods(), cors.allowHeaders(), cors.exposeHeaders(), cors.maxAge(),
                cors.allowCredentials());
    }

    private static ApiKeyAuthConfig apiKeys(ApiKeyAuth auth, List<Consumer> consumers) {
        List<CredentialSource> sources = new ArrayList<>();
        for (ApiKeyAuth.ExtractFrom from : auth.extractFrom()) {
            from.headers().forEach(h -> sources.add(CredentialSource.Header.of(h)));
            from.params().forEach(p -> sources.add(new CredentialSource.QueryParam(p)));
            from.cookies().forEach(c -> sources.add(new CredentialSource.Cookie(c)));
        }
        Map<String, String> byHash = new HashMap<>();
        for (Consumer c : accepted(auth, consumers)) {
            for (ConsumerSpec.ApiKey key : c.spec().credentials().apiKeys()) {
                if (!key.revoked()) {
                    byHash.put(key.hash(), c.name());
                }
            }
        }
        return new ApiKeyAuthConfig(sources, byHash, auth.forwardClientIDHeader(), auth.sanitize());
    }

    private JwtAuthConfig jwt(JwtAuth jwt) {
        List<JwtProviderConfig> providers = new ArrayList<>();
        for (int i = 0; i < jwt.providers().size(); i++) {
            JwtProvider p = jwt.providers().get(i);
            List<CredentialSource> sources = new ArrayList<>();
            if (p.extractFrom() != null) {
                p.extractFrom().headers().forEach(h -> sources.add(new CredentialSource.Header(h.name(), h.valuePrefix())));
                p.extractFrom().params().forEach(q -> sources.add(new CredentialSource.QueryParam(q)));
                p.extractFrom().cookies().forEach(c -> sources.add(new CredentialSource.Cookie(c)));
            }
            providers.add(new JwtProviderConfig(p.name(), p.issuer(), p.audiences(), jwks(p, i),
                    p.claimToHeaders().stream().map(c -> new ClaimToHeader(c.header(), c.claim())).toList(), sources,
                    p.clockSkew()));
        }
        return new JwtAuthConfig(jwt.optional(), providers, env.clock());
    }

    private JwksSource jwks(JwtProvider p, int index) {
        if (p.localJWKS() != null) {
            try {
                return LocalJwks.parse(p.localJWKS().inline());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jwt.providers[" + index + "].localJWKS.inline: " + e.getMessage(), e);
            }
        }
        JwtProvider.RemoteJwks remote = Objects.requireNonNull(p.remoteJWKS());
        return remoteJwks.computeIfAbsent(remote.uri() + " " + remote.cacheDuration(), k -> new RemoteJwks(
                URI.create(remote.uri()), httpClient(), env.clock(),
                RemoteJwks.Settings.DEFAULTS.withCacheDuration(remote.cacheDuration())));
    }

    private static BasicAuthConfig basic(BasicAuth auth, List<Consumer> consumers) {
        Map<String, BasicAuthConfig.User> users = new HashMap<>();
        for (Consumer c : accepted(auth, consumers)) {
            ConsumerSpec.BasicAuthCredential cred = c.spec().credentials().basicAuth();
            if (cred != null) {
                users.put(cred.username() == null ? c.name() : cred.username(),
                        new BasicAuthConfig.User(c.name(), cred.passwordHash()));
            }
        }
        return new BasicAuthConfig(users, auth.forwardUsernameHeader(), BasicAuthConfig.DEFAULT_CACHE_TTL, 10_000);
    }

    private static ClientCertAuthConfig clientCerts(ClientCertificateAuth auth, List<Consumer> consumers) {
        Map<String, String> bySubject = new HashMap<>();
        Map<String, String> bySan = new HashMap<>();
        for (Consumer c : accepted(auth, consumers)) {
            for (ConsumerSpec.ClientCertificate cert : c.spec().credentials().clientCertificates()) {
                if (cert.subject() != null) {
                    bySubject.put(cert.subject(), c.name());
                } else {
                    String san = Objects.requireNonNull(cert.san());
                    bySan.put(san, c.name());
                    bySan.put(san.toLowerCase(java.util.Locale.ROOT), c.name()); // DNS names compare case-insensitively
                }
            }
        }
        return new ClientCertAuthConfig(bySubject, bySan, !auth.optional(), auth.forwardClientIDHeader());
    }

    private static ExtAuthConfig extAuth(ExtAuth ext, SecurityPolicy policy, ResourceSet resources) {
        ExtAuth.HttpService http = ext.http();
        List<URI> endpoints = new ArrayList<>();
        BackendObjectReference ref = http.backend();
        if (ref == null) {
            endpoints.add(URI.create(stripSlash(Objects.requireNonNull(http.url()))));
        } else {
            String field = "extAuth.http." + (http.backendRefs().isEmpty() ? "backendRef" : "backendRefs[0]");
            Backend backend = resources.backend(policy.namespace(), ref.name()).orElseThrow(() ->
                    new IllegalArgumentException(field + ".name: Backend " + policy.namespace() + "/" + ref.name()
                            + " not found"));
            AppProtocol protocol = backend.spec().protocol();
            if (backend.spec().tls() != null) {
                throw new IllegalArgumentException(field + ": Backend " + backend.id().qualifiedName() + " has tls settings, "
                        + "which extAuth does not support yet (expected: a Backend without tls, or extAuth.http.url "
                        + "with an https URL trusted by the JDK)");
            }
            String scheme = protocol.isTls() ? "https" : "http";
            for (BackendEndpoint e : backend.spec().endpoints()) {
                String host = e.address().indexOf(':') >= 0 ? "[" + e.address() + "]" : e.address();
                endpoints.add(URI.create(scheme + "://" + host + ":" + e.port()));
            }
        }
        return new ExtAuthConfig(endpoints, http.path(), ext.headersToExtAuth(), http.headersToBackend(),
                ext.failOpen(), ext.timeout(), ExtAuthConfig.DEFAULT_MAX_BODY_BYTES);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean onlyClientAddresses(Authorization authz) {
        return authz.rules().stream().allMatch(r -> r.operation() == null && r.principal().jwt() == null
                && r.principal().headers().isEmpty() && r.principal().consumers().isEmpty());
    }

    private static IpFilterConfig ipFilter(Authorization authz) {
        List<IpFilterConfig.Rule> rules = new ArrayList<>();
        for (int i = 0; i < authz.rules().size(); i++) {
            Authorization.Rule r = authz.rules().get(i);
            rules.add(new IpFilterConfig.Rule(ruleName(r, i), cidrs(r), action(r.action()) == AuthorizationConfig.Action.ALLOW
                    ? IpFilterConfig.Action.ALLOW : IpFilterConfig.Action.DENY));
        }
        return new IpFilterConfig(rules, authz.defaultAction() == Authorization.Action.Allow
                ? IpFilterConfig.Action.ALLOW : IpFilterConfig.Action.DENY);
    }

    private static AuthorizationConfig authorization(Authorization authz) {
        List<AuthorizationConfig.Rule> rules = new ArrayList<>();
        for (int i = 0; i < authz.rules().size(); i++) {
            Authorization.Rule r = authz.rules().get(i);
            Authorization.Principal p = r.principal();
            AuthorizationConfig.JwtPrincipal jwt = p.jwt() == null ? null : new AuthorizationConfig.JwtPrincipal(
                    p.jwt().provider(), p.jwt().claims().stream().map(c -> new AuthorizationConfig.ClaimMatch(c.name(),
                    c.valueType() == Authorization.Claim.ValueType.StringArray, c.values())).toList(), p.jwt().scopes());
            Set<String> methods = new LinkedHashSet<>();
            if (r.operation() != null) {
                r.operation().methods().stream().map(HttpMethod::name).forEach(methods::add);
            }
            rules.add(new AuthorizationConfig.Rule(ruleName(r, i), action(r.action()), methods,
                    new AuthorizationConfig.Principal(cidrs(r), jwt, p.headers().stream()
                            .map(h -> new AuthorizationConfig.HeaderMatch(h.name(), h.values())).toList(),
                            Set.copyOf(p.consumers()))));
        }
        return new AuthorizationConfig(rules, action(authz.defaultAction()));
    }

    private static String ruleName(Authorization.Rule r, int index) {
        return r.name() != null ? r.name() : "rule-" + index;
    }

    private static List<Cidr> cidrs(Authorization.Rule r) {
        return r.principal().clientCIDRs().stream().map(Cidr::parse).toList();
    }

    private static AuthorizationConfig.Action action(Authorization.Action a) {
        return a == Authorization.Action.Allow ? AuthorizationConfig.Action.ALLOW : AuthorizationConfig.Action.DENY;
    }

    private static List<Consumer> accepted(ConsumerSelection selection, List<Consumer> consumers) {
        return consumers.stream().filter(selection::accepts).toList();
    }

    private HttpClient httpClient() {
        if (httpClient == null) {
            httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return httpClient;
    }

    private ThreadPoolExecutor hashPool() {
        if (hashPool == null) {
            AtomicInteger n = new AtomicInteger();
            hashPool = new ThreadPoolExecutor(HASH_THREADS, HASH_THREADS, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(HASH_QUEUE), r -> {
                        Thread t = new Thread(r, "meshgate-bcrypt-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            hashPool.allowCoreThreadTimeOut(true);
        }
        return hashPool;
    }
}
