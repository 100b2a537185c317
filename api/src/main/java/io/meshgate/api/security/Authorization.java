package io.meshgate.api.security;

import io.meshgate.api.Cidr;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.route.HttpMethod;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code authorization}: ordered allow/deny rules; the first rule that matches decides, else
 * {@code defaultAction} (Envoy Gateway field names).
 *
 * @param rules the rules, default none
 * @param defaultAction {@code Allow} or {@code Deny} (default)
 */
public record Authorization(List<Rule> rules, Action defaultAction) {

    /** What a rule does. */
    public enum Action { Allow, Deny }

    public Authorization(@Nullable List<Rule> rules, @Nullable Action defaultAction) {
        this.rules = Checks.list(rules, "rules");
        this.defaultAction = Checks.orDefault(defaultAction, Action.Deny);
    }

    /**
     * One rule.
     *
     * @param name a name for logs and the 403 body, default {@code rule-<index>}
     * @param action {@code Allow} or {@code Deny}, required
     * @param operation the methods it applies to, default all
     * @param principal who the caller is, required
     */
    public record Rule(@Nullable String name, Action action, @Nullable Operation operation, Principal principal) {
        public Rule(@Nullable String name, @Nullable Action action, @Nullable Operation operation,
                    @Nullable Principal principal) {
            this.name = name == null || name.isEmpty() ? null : name;
            this.action = Checks.required(action, "action");
            this.operation = operation;
            this.principal = Checks.required(principal, "principal");
        }
    }

    /**
     * {@code operation}.
     *
     * @param methods the request methods, 1..16
     */
    public record Operation(List<HttpMethod> methods) {
        public Operation(@Nullable List<HttpMethod> methods) {
            this.methods = Checks.list(methods, "methods");
            Checks.check(!this.methods.isEmpty() && this.methods.size() <= 16, "methods",
                    this.methods.isEmpty() ? "required (expected: 1..16 methods)" : this.methods.size() + " entries (expected: 1..16)");
        }
    }

    /**
     * {@code principal}: every part that is set must match; at least one must be set.
     *
     * @param clientCIDRs client address ranges, one must contain the client (after trusted X-Forwarded-For hops)
     * @param jwt claims and scopes of the verified JWT
     * @param headers headers, each must have one of its values
     * @param consumers authenticated Consumer names, one must match (meshgate)
     */
    public record Principal(List<String> clientCIDRs, @Nullable JwtPrincipal jwt, List<HeaderMatch> headers,
                            List<String> consumers) {
        public Principal(@Nullable List<String> clientCIDRs, @Nullable JwtPrincipal jwt,
                         @Nullable List<HeaderMatch> headers, @Nullable List<String> consumers) {
            this.clientCIDRs = Checks.list(clientCIDRs, "clientCIDRs");
            for (int i = 0; i < this.clientCIDRs.size(); i++) {
                try {
                    Cidr.parse(this.clientCIDRs.get(i));
                } catch (IllegalArgumentException e) {
                    throw Checks.invalid("clientCIDRs[" + i + "]", e.getMessage());
                }
            }
            this.jwt = jwt;
            this.headers = Checks.list(headers, "headers");
            this.consumers = Checks.list(consumers, "consumers");
            Checks.check(!this.clientCIDRs.isEmpty() || jwt != null || !this.headers.isEmpty()
                    || !this.consumers.isEmpty(), "clientCIDRs",
                    "required unless jwt, headers or consumers is set (expected: at least one principal)");
        }
    }

    /**
     * {@code principal.jwt}: at least one of claims and scopes.
     *
     * @param provider the name of a provider in this policy's {@code jwt.providers}, required
     * @param claims every claim must match
     * @param scopes every scope must be granted
     */
    public record JwtPrincipal(String provider, List<Claim> claims, List<String> scopes) {
        public JwtPrincipal(@Nullable String provider, @Nullable List<Claim> claims, @Nullable List<String> scopes) {
            this.provider = Checks.requiredText(provider, "provider");
            this.claims = Checks.list(claims, "claims");
            this.scopes = Checks.list(scopes, "scopes");
            Checks.check(!this.claims.isEmpty() || !this.scopes.isEmpty(), "claims",
                    "required unless scopes is set (expected: at least one of claims, scopes)");
        }
    }

    /**
     * A claim condition.
     *
     * @param name claim name, dotted for nested claims, required
     * @param valueType {@code String} (default) or {@code StringArray}
     * @param values accepted values, at least one
     */
    public record Claim(String name, ValueType valueType, List<String> values) {
        /** The claim's JSON type. */
        public enum ValueType { String, StringArray }

        public Claim(@Nullable String name, @Nullable ValueType valueType, @Nullable List<String> values) {
            this.name = Checks.requiredText(name, "name");
            this.valueType = Checks.orDefault(valueType, ValueType.String);
            this.values = Checks.list(values, "values");
            Checks.check(!this.values.isEmpty(), "values", "required (expected: at least one value)");
        }
    }

    /**
     * A header condition.
     *
     * @param name header name, required
     * @param values accepted values (exact), at least one
     */
    public record HeaderMatch(String name, List<String> values) {
        public HeaderMatch(@Nullable String name, @Nullable List<String> values) {
            this.name = Checks.headerName(Checks.requiredText(name, "name"), "name");
            this.values = Checks.list(values, "values");
            Checks.check(!this.values.isEmpty(), "values", "required (expected: at least one value)");
        }
    }
}
