package io.meshgate.api;

import io.meshgate.api.core.Secret;
import io.meshgate.api.gateway.Gateway;
import io.meshgate.api.gateway.Listener;
import io.meshgate.api.gateway.SecretObjectReference;
import io.meshgate.api.internal.Pem;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.policy.BackendTls;
import io.meshgate.api.policy.ClientTrafficPolicy;
import io.meshgate.api.policy.Policy;
import io.meshgate.api.policy.PolicyTargetReference;
import io.meshgate.api.route.BackendObjectReference;
import io.meshgate.api.route.HttpBackendRef;
import io.meshgate.api.route.HttpRoute;
import io.meshgate.api.route.HttpRouteFilter;
import io.meshgate.api.route.HttpRouteRule;
import io.meshgate.api.route.LocalObjectReference;
import io.meshgate.api.security.SecurityChecks;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the rules of the Gateway API (and meshgate's) that span resources: parentRefs and their listeners,
 * allowedRoutes, hostnames, ReferenceGrants for cross-namespace references, certificate Secrets, policy
 * targets. Errors reject the whole set; warnings (a backendRef that resolves to nothing, an ignored mesh
 * parentRef) do not.
 */
public final class Validator {

    private final ResourceSet set;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();

    private final Clock clock;

    /** A validator of {@code set}. */
    public Validator(ResourceSet set) {
        this(set, Clock.systemUTC());
    }

    /** A validator of {@code set} that judges certificate expiry by {@code clock}. */
    public Validator(ResourceSet set, Clock clock) {
        this.set = set;
        this.clock = clock;
    }

    /**
     * Errors and warnings.
     *
     * @param errors reasons to reject the set
     * @param warnings things to tell the user
     */
    public record Result(List<ConfigError> errors, List<ConfigError> warnings) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs every check. */
    public Result validate() {
        set.gateways().forEach(this::checkGateway);
        checkSharedPorts();
        RouteBinder binder = new RouteBinder(set);
        for (HttpRoute r : set.httpRoutes()) {
            checkRoute(r, binder);
        }
        for (Policy p : set.all(Policy.class)) {
            checkTargets(p);
        }
        set.clientTrafficPolicies().forEach(this::checkClientTrafficPolicy);
        set.backends().forEach(this::checkBackend);
        SecurityChecks.check(set, errors, warnings);
        return new Result(errors, warnings);
    }

    private void error(Resource r, String field, String reason) {
        errors.add(ConfigError.of(set.sourceOf(r), r.id(), field, reason));
    }

    private void warn(Resource r, String field, String reason) {
        warnings.add(ConfigError.of(set.sourceOf(r), r.id(), field, reason));
    }

    private void checkGateway(Gateway gw) {
        List<Listener> ls = gw.spec().listeners();
        for (int i = 0; i < ls.size(); i++) {
            Listener l = ls.get(i);
            String at = "spec.listeners[" + i + "]";
            for (int j = 0; j < i; j++) {
                Listener o = ls.get(j);
                if (o.port().equals(l.port()) && o.protocol() != l.protocol()) {
                    error(gw, at + ".protocol", l.protocol() + " on port " + l.port() + " conflicts with listener "
                                                + o.name() + " (" + o.protocol() + ") (expected: one protocol per port)");
                } else if (o.port().equals(l.port()) && java.util.Objects.equals(o.hostname(), l.hostname())) {
                    error(gw, at + ".hostname", (l.hostname() == null ? "no hostname" : '"' + l.hostname() + '"')
                                                + " on port " + l.port() + " is also used by listener " + o.name()
                                                + " (expected: distinct hostnames on a shared port)");
                }
            }
            if (l.tls() != null) {
                for (int k = 0; k < l.tls().certificateRefs().size(); k++) {
                    checkCertificate(gw, at + ".tls.certificateRefs[" + k + "]", l.tls().certificateRefs().get(k));
                }
            }
        }
    }

    private void checkCertificate(Gateway gw, String field, SecretObjectReference ref) {
        Optional<Secret> found = secretRef(gw, field, ref);
        if (found.isEmpty()) {
            return;
        }
        Secret s = found.get();
        if (!s.isTls()) {
            error(gw, field, "Secret " + s.id().qualifiedName() + " has type " + s.type() + " (expected: "
                             + Secret.TYPE_TLS + ")");
            return;
        }
        String name = "Secret " + s.id().qualifiedName() + " ";
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(String.valueOf(s.tlsCertificatePem()));
        } catch (IllegalArgumentException e) {
            error(gw, field, name + Secret.TLS_CRT + ": " + e.getMessage());
            return;
        }
        try {
            Pem.checkPrivateKey(String.valueOf(s.tlsKeyPem()));
            Pem.checkKeyMatches(String.valueOf(s.tlsKeyPem()), chain.get(0));
        } catch (IllegalArgumentException e) {
            error(gw, field, name + Secret.TLS_KEY + ": " + e.getMessage());
            return;
        }
        Date notAfter = chain.get(0).getNotAfter();
        if (notAfter.toInstant().isBefore(clock.instant())) {
            warn(gw, field, name + Secret.TLS_CRT + ": the certificate expired at " + notAfter.toInstant()
                            + "; clients will refuse it");
        }
    }

    /** Resolves a Secret reference from {@code from}, recording an error when it cannot. */
    private Optional<Secret> secretRef(Resource from, String field, SecretObjectReference ref) {
        String ns = ref.namespaceOr(from.namespace());
        String fromGroup = set.apiVersionOf(from).contains("/")
                ? set.apiVersionOf(from).substring(0, set.apiVersionOf(from).lastIndexOf('/')) : "";
        if (!set.referencePermitted(fromGroup, from.kind(), from.namespace(), "", Secret.KIND, ns, ref.name())) {
            error(from, field, "Secret " + ns + "/" + ref.name() + " is in another namespace and no ReferenceGrant "
                               + "there allows it (expected: a ReferenceGrant in " + ns + " from " + from.kind()
                               + " in " + from.namespace() + ")");
            return Optional.empty();
        }
        Optional<Secret> s = set.secret(ns, ref.name());
        if (s.isEmpty()) {
            error(from, field, "Secret " + ns + "/" + ref.name() + " not found");
        }
        return s;
    }

    private void checkCaRefs(Resource from, String field, List<SecretObjectReference> refs) {
        for (int i = 0; i < refs.size(); i++) {
            String at = field + "[" + i + "]";
            secretRef(from, at, refs.get(i)).ifPresent(s -> {
                String ca = s.value(Secret.CA_CRT);
                if (ca == null) {
                    error(from, at, "Secret " + s.id().qualifiedName() + " has no " + Secret.CA_CRT);
                    return;
                }
                try {
                    Pem.certificates(ca);
                } catch (IllegalArgumentException e) {
                    error(from, at, "Secret " + s.id().qualifiedName() + " " + Secret.CA_CRT + ": " + e.getMessage());
                }
            });
        }
    }

    /** Listeners of different Gateways on one port must agree on the protocol: they share one socket. */
    private void checkSharedPorts() {
        Map<Integer, String> owner = new HashMap<>();
        Map<Integer, Listener> first = new HashMap<>();
        for (Gateway gw : set.gateways()) {
            List<Listener> ls = gw.spec().listeners();
            for (int i = 0; i < ls.size(); i++) {
                Listener l = ls.get(i);
                Listener f = first.putIfAbsent(l.port(), l);
                String o = owner.putIfAbsent(l.port(), "Gateway " + gw.id().qualifiedName() + " listener " + l.name());
                if (f != null && f.protocol() != l.protocol() && !o.startsWith("Gateway " + gw.id().qualifiedName() + " ")) {
                    error(gw, "spec.listeners[" + i + "].protocol", l.protocol() + " on port " + l.port()
                              + " conflicts with " + o + " (" + f.protocol() + ") (expected: one protocol per port)");
                }
            }
        }
    }

    private void checkRoute(HttpRoute route, RouteBinder binder) {
        for (int i = 0; i < route.spec().parentRefs().size(); i++) {
            RouteBinder.Binding b = binder.bind(route, i);
            String at = "spec.parentRefs[" + i + "]" + (b.field().isEmpty() ? "" : "." + b.field());
            if (b.ignored()) {
                warn(route, at, "parentRefs to a Service (mesh routes) are not implemented yet; ignored");
            } else if (b.problem() != null) {
                error(route, at, b.problem());
            }
        }
        List<HttpRouteRule> rules = route.spec().rules();
        for (int i = 0; i < rules.size(); i++) {
            HttpRouteRule rule = rules.get(i);
            String at = "spec.rules[" + i + "]";
            checkFilters(route, at + ".filters", rule.filters());
            for (int j = 0; j < rule.backendRefs().size(); j++) {
                HttpBackendRef ref = rule.backendRefs().get(j);
                checkBackendRef(route, at + ".backendRefs[" + j + "]", ref.ref(), "requests routed to it get 500");
                checkFilters(route, at + ".backendRefs[" + j + "].filters", ref.filters());
            }
        }
    }

    private void checkFilters(HttpRoute route, String field, List<HttpRouteFilter> filters) {
        for (int k = 0; k < filters.size(); k++) {
            HttpRouteFilter f = filters.get(k);
            if (f.requestMirror() != null) {
                checkBackendRef(route, field + "[" + k + "].requestMirror.backendRef", f.requestMirror().backendRef(),
                        "requests are not mirrored");
            }
            LocalObjectReference ext = f.extensionRef();
            if (ext != null) {
                boolean exists = set.find(new ResourceId(ext.kind(), route.namespace(), ext.name()))
                        .filter(r -> set.apiVersionOf(r).startsWith(ext.group() + "/")).isPresent();
                if (!exists) {
                    error(route, field + "[" + k + "].extensionRef", ext.group() + "/" + ext.kind() + " "
                            + route.namespace() + "/" + ext.name() + " not found");
                }
            }
        }
    }

    /** Per the Gateway API, an unresolvable backendRef is not invalid config: it is a warning and a 500 at runtime. */
    private void checkBackendRef(HttpRoute route, String field, BackendObjectReference ref, String consequence) {
        boolean service = ref.group().isEmpty() && ref.kind().equals("Service");
        boolean backend = ref.group().equals(ResourceKinds.MESHGATE_GROUP) && ref.kind().equals(Backend.KIND);
        String ns = ref.namespaceOr(route.namespace());
        if (!service && !backend) {
            warn(route, field, "kind " + (ref.group().isEmpty() ? "" : ref.group() + "/") + ref.kind()
                               + " is not supported (expected: Service or meshgate.io/Backend); " + consequence);
        } else if (set.resolveBackend(route, ref).isPresent()) {
            return;
        } else if (!set.referencePermitted(ResourceKinds.GATEWAY_GROUP, HttpRoute.KIND, route.namespace(),
                ref.group(), ref.kind(), ns, ref.name())) {
            warn(route, field, ns + "/" + ref.name() + " is in another namespace and no ReferenceGrant there "
                               + "allows it; " + consequence);
        } else {
            warn(route, field, "Backend " + ns + "/" + ref.name() + " not found; " + consequence);
        }
    }

    private void checkTargets(Policy p) {
        List<PolicyTargetReference> refs = p.targetRefs();
        for (int i = 0; i < refs.size(); i++) {
            PolicyTargetReference t = refs.get(i);
            String at = "spec.targetRefs[" + i + "]";
            if (!t.group().equals(ResourceKinds.GATEWAY_GROUP) || !p.targetKinds().contains(t.kind())) {
                error(p, at + ".kind", '"' + t.kind() + "\" (expected: " + String.join(" or ",
                        p.targetKinds().stream().sorted().toList()) + " in group " + ResourceKinds.GATEWAY_GROUP + ")");
                continue;
            }
            Optional<Resource> target = set.find(new ResourceId(t.kind(), p.namespace(), t.name()));
            if (target.isEmpty()) {
                error(p, at, t.kind() + " " + p.namespace() + "/" + t.name() + " not found");
                continue;
            }
            if (t.sectionName() != null && !hasSection(target.get(), t.sectionName())) {
                error(p, at + ".sectionName", '"' + t.sectionName() + "\" names no "
                        + (target.get() instanceof Gateway ? "listener" : "rule") + " of " + target.get().id());
                continue;
            }
            checkConflict(p, i, t);
        }
    }

    /** Two policies of one kind on the same target (and section) would be ambiguous: Envoy Gateway picks the oldest. */
    private void checkConflict(Policy p, int index, PolicyTargetReference t) {
        for (Policy other : set.all(p.getClass())) {
            if (other == p) {
                return; // only earlier policies count, so each conflict is reported once
            }
            if (other.namespace().equals(p.namespace()) && other.targetRefs().stream().anyMatch(o ->
                    o.kind().equals(t.kind()) && o.name().equals(t.name())
                    && java.util.Objects.equals(o.sectionName(), t.sectionName()))) {
                error(p, "spec.targetRefs[" + index + "]", t.kind() + " " + p.namespace() + "/" + t.name()
                        + (t.sectionName() == null ? "" : " section " + t.sectionName()) + " is already targeted by "
                        + other.id() + " (expected: one " + p.kind() + " per target)");
            }
        }
    }

    private static boolean hasSection(Resource target, String section) {
        if (target instanceof Gateway g) {
            return g.spec().listener(section) != null;
        }
        if (target instanceof HttpRoute r) {
            return r.spec().rules().stream().anyMatch(rule -> section.equals(rule.name()));
        }
        return false;
    }

    private void checkClientTrafficPolicy(ClientTrafficPolicy p) {
        if (p.spec().tls() != null && p.spec().tls().clientValidation() != null) {
            checkCaRefs(p, "spec.tls.clientValidation.caCertificateRefs",
                    p.spec().tls().clientValidation().caCertificateRefs());
        }
    }

    private void checkBackend(Backend b) {
        BackendTls tls = b.spec().tls();
        if (tls != null) {
            checkCaRefs(b, "spec.tls.caCertificateRefs", tls.caCertificateRefs());
        }
    }
}
