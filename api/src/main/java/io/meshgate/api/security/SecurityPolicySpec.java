package io.meshgate.api.security;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.PolicySpec;
import io.meshgate.api.policy.PolicyTargetReference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A SecurityPolicy's {@code spec} (Envoy Gateway field names; {@code clientCertificateAuth} is meshgate's).
 * Every block is optional; authentication blocks that are set must all succeed (API key, then JWT, basic
 * auth, client certificate and external authorization), then {@code authorization} decides.
 *
 * @param targetRefs the Gateways or HTTPRoutes (optionally one listener or rule via sectionName), 1..16
 * @param apiKeyAuth API keys of Consumers
 * @param jwt JSON Web Tokens
 * @param basicAuth user names and passwords of Consumers
 * @param clientCertificateAuth TLS client certificates of Consumers
 * @param extAuth an external authorization service
 * @param cors cross-origin resource sharing
 * @param authorization allow/deny rules
 */
public record SecurityPolicySpec(List<PolicyTargetReference> targetRefs, @Nullable ApiKeyAuth apiKeyAuth,
                                 @Nullable JwtAuth jwt, @Nullable BasicAuth basicAuth,
                                 @Nullable ClientCertificateAuth clientCertificateAuth, @Nullable ExtAuth extAuth,
                                 @Nullable Cors cors, @Nullable Authorization authorization) implements PolicySpec {
    public SecurityPolicySpec {
        targetRefs = Checks.list(targetRefs, "targetRefs");
        Checks.check(!targetRefs.isEmpty() && targetRefs.size() <= 16, "targetRefs",
                targetRefs.isEmpty() ? "required (expected: 1..16 entries)" : targetRefs.size() + " entries (expected: 1..16)");
        if (authorization != null) {
            List<Authorization.Rule> rules = authorization.rules();
            for (int i = 0; i < rules.size(); i++) {
                Authorization.JwtPrincipal p = rules.get(i).principal().jwt();
                if (p != null && (jwt == null || !jwt.hasProvider(p.provider()))) {
                    throw Checks.invalid("authorization.rules[" + i + "].principal.jwt.provider", Checks.quote(p.provider())
                            + " (expected: the name of one of this policy's jwt.providers)");
                }
            }
        }
    }
}
