package io.meshgate.proxy.snapshot;

import io.meshgate.api.ResourceSet;
import io.meshgate.api.core.Secret;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.Listener;
import io.meshgate.api.gateway.ListenerProtocol;
import io.meshgate.api.gateway.SecretObjectReference;
import io.meshgate.api.policy.ClientTrafficPolicy;
import io.meshgate.api.policy.ClientTrafficPolicySpec;
import io.meshgate.proxy.route.RouteTable;
import io.netty.handler.ssl.SslContext;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The TCP ports of a snapshot: every Gateway listener grouped by bind address and port, with the
 * port's TLS certificates (chosen by SNI: each listener's hostname, or the names in its
 * certificates when it has several; the first listener without a hostname gives the default) and
 * its limits from the effective ClientTrafficPolicy.
 */
final class ListenerPorts {

    /** One Gateway listener. */
    record ListenerRef(Gateway gateway, Listener listener) {
        String address() {
            return gateway.spec().addresses().isEmpty() ? "0.0.0.0" : gateway.spec().addresses().get(0).value();
        }
    }

    /** Cache key of a server TLS context. */
    private record TlsKey(String chain, String key, @Nullable String ca, boolean optional) { }

    private final ResourceSet resources;
    private final ServerTlsFactory tlsFactory;
    private final Map<TlsKey, SslContext> previousTls;
    private final Map<TlsKey, SslContext> usedTls = new HashMap<>();
    private final PolicyAttachment<ClientTrafficPolicy> clientPolicies;
    private final CompileContext ctx;

    ListenerPorts(CompileContext ctx, ServerTlsFactory tlsFactory, Map<?, SslContext> previousTls) {
        this.ctx = ctx;
        this.resources = ctx.resources();
        this.tlsFactory = tlsFactory;
        @SuppressWarnings("unchecked")
        Map<TlsKey, SslContext> previous = (Map<TlsKey, SslContext>) previousTls;
        this.previousTls = previous;
        List<ClientTrafficPolicy> ctps = new ArrayList<>(resources.clientTrafficPolicies());
        ctps.sort(Comparator.comparing(p -> p.id().qualifiedName()));
        this.clientPolicies = new PolicyAttachment<>(PolicyAttachment::targetRefs, ctps);
    }

    /** The listeners by {@code address:port}, in Gateway order. */
    static Map<String, List<ListenerRef>> group(ResourceSet resources) {
        Map<String, List<ListenerRef>> out = new LinkedHashMap<>();
        List<Gateway> gateways = new ArrayList<>(resources.gateways());
        gateways.sort(Comparator.comparing(g -> g.id().qualifiedName()));
        for (Gateway g : gateways) {
            for (Listener l : g.spec().listeners()) {
                ListenerRef ref = new ListenerRef(g, l);
                out.computeIfAbsent(ref.address() + ":" + l.port(), k -> new ArrayList<>()).add(ref);
            }
        }
        return out;
    }

    /** The TLS contexts built by this compile, to reuse in the next one. */
    Map<?, SslContext> tlsCache() {
        return Map.copyOf(usedTls);
    }

    /** The port of {@code listeners} (one address and port) serving {@code routes}. */
    io.meshgate.proxy.snapshot.ListenerPort port(List<ListenerRef> listeners, RouteTable routes) {
        ListenerRef first = listeners.get(0);
        Mapping<String, SslContext> tls = first.listener().protocol() == ListenerProtocol.HTTPS ? tls(listeners) : null;
        return new io.meshgate.proxy.snapshot.ListenerPort(first.address(), first.listener().port(), tls, routes,
                limits(listeners));
    }

    private @Nullable ClientTrafficPolicySpec clientPolicy(ListenerRef l) {
        if (clientPolicies.isEmpty()) {
            return null;
        }
        PolicyContext pc = new PolicyContext("", "", 0, null, l.gateway().namespace(), l.gateway().name(),
                l.listener().name(), l.listener().port(), "", resources);
        ClientTrafficPolicy p = clientPolicies.resolve(pc).policy();
        return p == null ? null : p.spec();
    }

    private ListenerLimits limits(List<ListenerRef> listeners) {
        ClientTrafficPolicySpec spec = clientPolicy(listeners.get(0));
        for (ListenerRef other : listeners.subList(1, listeners.size())) {
            if (!Objects.equals(clientPolicy(other), spec)) {
                ctx.warn(other.gateway(), listenerField(other) , "shares port " + other.listener().port()
                        + " with listener " + listeners.get(0).listener().name() + " of Gateway "
                        + listeners.get(0).gateway().id().qualifiedName() + " but has another ClientTrafficPolicy;"
                        + " connection limits are per port, so that listener's policy applies");
            }
        }
        return spec == null ? ListenerLimits.DEFAULTS : ClientLimits.of(spec);
    }

    private String listenerField(ListenerRef l) {
        return "spec.listeners[" + l.gateway().spec().listeners().indexOf(l.listener()) + "]";
    }

    private Mapping<String, SslContext> tls(List<ListenerRef> listeners) {
        SslContext fallback = null;
        Map<String, SslContext> byHost = new LinkedHashMap<>();
        for (ListenerRef l : listeners) {
            ClientTrafficPolicySpec ctp = clientPolicy(l);
            var validation = ctp == null || ctp.tls() == null ? null : ctp.tls().clientValidation();
            String ca = validation == null ? null : caBundle(l, validation.caCertificateRefs());
            boolean optional = validation != null && validation.optional();
            List<SecretObjectReference> refs = l.listener().tls().certificateRefs();
            List<SslContext> contexts = new ArrayList<>(refs.size());
            for (int i = 0; i < refs.size(); i++) {
                Secret secret = secret(l, refs.get(i), listenerField(l) + ".tls.certificateRefs[" + i + "]");
                SslContext context = context(l, secret, ca, optional, i);
                contexts.add(context);
                if (refs.size() > 1) {
                    for (String name : CertificateNames.dnsNames(secret.tlsCertificatePem())) {
                        byHost.putIfAbsent(name, context);
                    }
                }
            }
            String hostname = l.listener().hostname();
            if (hostname == null) {
                fallback = fallback == null ? contexts.get(0) : fallback;
            } else {
                byHost.putIfAbsent(hostname, contexts.get(0));
            }
        }
        if (fallback == null) {
            fallback = byHost.values().iterator().next();
        }
        DomainWildcardMappingBuilder<SslContext> b = new DomainWildcardMappingBuilder<>(fallback);
        byHost.forEach(b::add);
        return b.build();
    }

    private SslContext context(ListenerRef l, Secret secret, @Nullable String ca, boolean optional, int index) {
        TlsKey key = new TlsKey(Objects.requireNonNull(secret.tlsCertificatePem()),
                Objects.requireNonNull(secret.tlsKeyPem()), ca, optional);
        SslContext ctx = usedTls.get(key);
        if (ctx == null) {
            ctx = previousTls.get(key);
        }
        if (ctx == null) {
            try {
                ctx = tlsFactory.create(key.chain(), key.key(), ca, optional);
            } catch (IllegalArgumentException e) {
                throw new CompileException(l.gateway(), listenerField(l) + ".tls.certificateRefs[" + index + "]",
                        "Secret " + secret.id().qualifiedName() + ": " + e.getMessage());
            }
        }
        usedTls.put(key, ctx);
        return ctx;
    }

    private Secret secret(ListenerRef l, SecretObjectReference ref, String field) {
        String ns = ref.namespaceOr(l.gateway().namespace());
        Secret s = resources.secret(ns, ref.name()).orElse(null);
        if (s == null || !s.isTls()) {
            throw new CompileException(l.gateway(), field, "Secret " + ns + "/" + ref.name()
                    + (s == null ? " not found" : " is not of type " + Secret.TYPE_TLS));
        }
        if (!resources.referencePermitted("gateway.networking.k8s.io", Gateway.KIND, l.gateway().namespace(), "",
                Secret.KIND, ns, ref.name())) {
            throw new CompileException(l.gateway(), field, "Secret " + ns + "/" + ref.name()
                    + " is in another namespace and no ReferenceGrant there allows it");
        }
        return s;
    }

    private @Nullable String caBundle(ListenerRef l, List<SecretObjectReference> refs) {
        StringBuilder pem = new StringBuilder();
        for (SecretObjectReference ref : refs) {
            String ns = ref.namespaceOr(l.gateway().namespace());
            String ca = resources.secret(ns, ref.name()).map(s -> s.value(Secret.CA_CRT)).orElse(null);
            if (ca == null) {
                throw new CompileException(l.gateway(), listenerField(l) + ".tls", "client CA Secret " + ns + "/"
                        + ref.name() + " not found or without " + Secret.CA_CRT);
            }
            pem.append(ca).append('\n');
        }
        return pem.length() == 0 ? null : pem.toString();
    }
}
