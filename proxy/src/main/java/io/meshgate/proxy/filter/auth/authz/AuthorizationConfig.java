package io.meshgate.proxy.filter.auth.authz;

import io.meshgate.api.Cidr;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link AuthorizationFilter}, compiled from a SecurityPolicy's
 * {@code authorization}: ordered rules, the first matching one decides, else {@code defaultAction}.
 *
 * @param rules the rules in evaluation order
 * @param defaultAction what happens to a request no rule matches (Envoy Gateway's default: deny)
 */
public record AuthorizationConfig(List<Rule> rules, Action defaultAction) {

    public AuthorizationConfig {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultAction, "defaultAction");
    }

    /** What a matching rule does. */
    public enum Action { ALLOW, DENY }

    /**
     * One rule: it matches when the method is one of {@code methods} (any when empty) and every part
     * of the principal that is set matches.
     *
     * @param name the rule's name, for the 403 body and logs
     * @param action allow or deny
     * @param methods request methods, empty for any
     * @param principal who the caller must be
     */
    public record Rule(String name, Action action, Set<String> methods, Principal principal) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
            methods = Set.copyOf(methods);
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The caller's identity conditions; all that are set must hold.
     *
     * @param clientCidrs the client address must lie in one of them; empty: not checked
     * @param jwt conditions on the verified JWT, or null
     * @param headers each header must have one of its values; empty: not checked
     * @param consumers the authenticated consumer must be one of them; empty: not checked (meshgate)
     */
    public record Principal(List<Cidr> clientCidrs, @Nullable JwtPrincipal jwt, List<HeaderMatch> headers,
                            Set<String> consumers) {
        public Principal {
            clientCidrs = List.copyOf(clientCidrs);
            headers = List.copyOf(headers);
            consumers = Set.copyOf(consumers);
        }
    }

    /**
     * Conditions on the JWT a provider of the same policy verified.
     *
     * @param provider the provider that must have verified the token
     * @param claims every claim must match
     * @param scopes every scope must be granted (the {@code scope} claim, RFC 8693 §4.2)
     */
    public record JwtPrincipal(String provider, List<ClaimMatch> claims, List<String> scopes) {
        public JwtPrincipal {
            Objects.requireNonNull(provider, "provider");
            claims = List.copyOf(claims);
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * A claim condition.
     *
     * @param name claim name, dotted for nested claims
     * @param stringArray whether the claim is an array of strings (one element must be a value) rather than a string
     * @param values accepted values
     */
    public record ClaimMatch(String name, boolean stringArray, List<String> values) {
        public ClaimMatch {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /**
     * A header condition (exact match of one value).
     *
     * @param name header name
     * @param values accepted values
     */
    public record HeaderMatch(String name, List<String> values) {
        public HeaderMatch {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }
}
