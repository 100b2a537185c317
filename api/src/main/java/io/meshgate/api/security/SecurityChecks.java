package io.meshgate.api.security;

import io.meshgate.api.ConfigError;
import io.meshgate.api.Resource;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.policy.Backend;
import io.meshgate.api.route.BackendObjectReference;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * The checks of SecurityPolicies and Consumers that span resources: Consumers and Backends referenced
 * exist, and no two Consumers of a namespace share a credential (which one would a request be?).
 */
public final class SecurityChecks {

    private final ResourceSet set;
    private final List<ConfigError> errors;
    private final List<ConfigError> warnings;

    private SecurityChecks(ResourceSet set, List<ConfigError> errors, List<ConfigError> warnings) {
        this.set = set;
        this.errors = errors;
        this.warnings = warnings;
    }

    /** Adds the problems of {@code set} to {@code errors} and {@code warnings}. */
    public static void check(ResourceSet set, List<ConfigError> errors, List<ConfigError> warnings) {
        SecurityChecks checks = new SecurityChecks(set, errors, warnings);
        set.all(SecurityPolicy.class).forEach(checks::checkPolicy);
        checks.checkUniqueCredentials();
    }

    private void checkPolicy(SecurityPolicy policy) {
        SecurityPolicySpec spec = policy.spec();
        if (spec.apiKeyAuth() != null) {
            checkRefs(policy, "spec.apiKeyAuth", spec.apiKeyAuth(), "API keys",
                    c -> c.spec().credentials().apiKeys().stream().anyMatch(k -> !k.revoked()));
        }
        if (spec.basicAuth() != null) {
            checkRefs(policy, "spec.basicAuth", spec.basicAuth(), "a basicAuth credential",
                    c -> c.spec().credentials().basicAuth() != null);
        }
        if (spec.clientCertificateAuth() != null) {
            checkRefs(policy, "spec.clientCertificateAuth", spec.clientCertificateAuth(), "clientCertificates",
                    c -> !c.spec().credentials().clientCertificates().isEmpty());
        }
        if (spec.extAuth() != null && spec.extAuth().http().backend() != null) {
            BackendObjectReference ref = spec.extAuth().http().backend();
            String field = "spec.extAuth.http." + (spec.extAuth().http().backendRefs().isEmpty() ? "backendRef" : "backendRefs[0]");
            if (ref.namespace() != null && !ref.namespace().equals(policy.namespace())) {
                error(policy, field + ".namespace", ref.namespace() + " (expected: the policy's namespace "
                        + policy.namespace() + ")");
            } else if (!("Service".equals(ref.kind()) && ref.group().isEmpty()
                    || Backend.KIND.equals(ref.kind()) && "meshgate.io".equals(ref.group()))) {
                error(policy, field + ".kind", ref.kind() + " (expected: Service or meshgate.io Backend)");
            } else if (set.backend(policy.namespace(), ref.name()).isEmpty()) {
                error(policy, field + ".name", "Backend " + policy.namespace() + "/" + ref.name() + " not found");
            }
        }
    }

    private void checkRefs(SecurityPolicy policy, String field, ConsumerSelection selection, String what,
                           java.util.function.Predicate<Consumer> hasCredential) {
        List<ConsumerReference> refs = selection.credentialRefs();
        for (int i = 0; i < refs.size(); i++) {
            if (set.find(Consumer.class, policy.namespace(), refs.get(i).name()).isEmpty()) {
                error(policy, field + ".credentialRefs[" + i + "].name", "Consumer " + policy.namespace() + "/"
                        + refs.get(i).name() + " not found");
            }
        }
        boolean any = set.all(Consumer.class).stream().anyMatch(c -> c.namespace().equals(policy.namespace())
                && selection.accepts(c) && hasCredential.test(c));
        if (!any) {
            warnings.add(ConfigError.of(set.sourceOf(policy), policy.id(), field, "no accepted Consumer in namespace "
                    + policy.namespace() + " has " + what + "; every request will be refused"));
        }
    }

    private void checkUniqueCredentials() {
        Map<String, Consumer> keys = new HashMap<>();
        Map<String, Consumer> users = new HashMap<>();
        Map<String, Consumer> certs = new HashMap<>();
        for (Consumer c : set.all(Consumer.class)) {
            ConsumerSpec.Credentials creds = c.spec().credentials();
            for (int i = 0; i < creds.apiKeys().size(); i++) {
                unique(keys, c.namespace() + "|" + creds.apiKeys().get(i).hash(), c,
                        "spec.credentials.apiKeys[" + i + "].hash", "this key");
            }
            if (creds.basicAuth() != null) {
                String user = creds.basicAuth().username() == null ? c.name() : creds.basicAuth().username();
                unique(users, c.namespace() + "|" + user, c, "spec.credentials.basicAuth.username", "user name " + user);
            }
            for (int i = 0; i < creds.clientCertificates().size(); i++) {
                ConsumerSpec.ClientCertificate cert = creds.clientCertificates().get(i);
                String key = cert.subject() != null
                        ? "subject|" + new X500Principal(cert.subject()).getName(X500Principal.CANONICAL)
                        : "san|" + cert.san().toLowerCase(Locale.ROOT);
                unique(certs, c.namespace() + "|" + key, c, "spec.credentials.clientCertificates[" + i + "]",
                        "this certificate identity");
            }
        }
    }

    private void unique(Map<String, Consumer> seen, String key, Consumer c, String field, String what) {
        Consumer other = seen.putIfAbsent(key, c);
        if (other != null && other != c) {
            error(c, field, "Consumer " + other.id().qualifiedName() + " has " + what
                    + " too (expected: each credential to identify one Consumer)");
        }
    }

    private void error(Resource r, String field, String reason) {
        errors.add(ConfigError.of(set.sourceOf(r), r.id(), field, reason));
    }
}
