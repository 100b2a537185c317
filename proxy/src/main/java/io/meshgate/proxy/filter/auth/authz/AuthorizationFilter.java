package io.meshgate.proxy.filter.auth.authz;

import io.meshgate.api.Cidr;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.auth.AuthAttributes;
import io.meshgate.proxy.filter.auth.AuthResponses;
import io.meshgate.proxy.filter.auth.AuthenticatedIdentity;
import io.meshgate.proxy.filter.auth.VerifiedJwt;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.Action;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.ClaimMatch;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.HeaderMatch;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.JwtPrincipal;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.Principal;
import io.meshgate.proxy.filter.auth.authz.AuthorizationConfig.Rule;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Allows or denies an authenticated request by ordered rules (Envoy Gateway's
 * {@code authorization}): the first rule whose method and principal match decides; when none
 * matches, the default action does. Runs in {@link Phase#AUTHZ}, after the authentication filters
 * recorded the JWT and the consumer. A denied request gets 403; when it carried a valid JWT the
 * answer also says {@code error="insufficient_scope"} (RFC 6750 §3.1).
 */
public final class AuthorizationFilter implements HttpFilter {

    private final AuthorizationConfig config;

    /** A filter for {@code config}, shared by every request of the route. */
    public AuthorizationFilter(AuthorizationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.AUTHZ;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        for (Rule rule : config.rules()) {
            if (matches(rule, exchange)) {
                return rule.action() == Action.ALLOW ? FilterResult.next() : deny(exchange, "rule " + rule.name());
            }
        }
        return config.defaultAction() == Action.ALLOW ? FilterResult.next() : deny(exchange, "default action");
    }

    private static FilterResult deny(Exchange exchange, String by) {
        FilterResult.Respond r = AuthResponses.forbidden("denied by " + by);
        if (exchange.attr(AuthAttributes.JWT) != null) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE,
                    "Bearer realm=\"" + AuthResponses.REALM + "\", error=\"insufficient_scope\"");
        }
        return r;
    }

    private static boolean matches(Rule rule, Exchange exchange) {
        if (!rule.methods().isEmpty() && !rule.methods().contains(exchange.method().name())) {
            return false;
        }
        Principal p = rule.principal();
        return clientMatches(p.clientCidrs(), exchange) && jwtMatches(p.jwt(), exchange)
                && headersMatch(p.headers(), exchange) && consumerMatches(p, exchange);
    }

    private static boolean clientMatches(List<Cidr> cidrs, Exchange exchange) {
        if (cidrs.isEmpty()) {
            return true;
        }
        InetAddress client = exchange.clientAddress().getAddress();
        return client != null && cidrs.stream().anyMatch(c -> c.contains(client));
    }

    private static boolean jwtMatches(@Nullable JwtPrincipal wanted, Exchange exchange) {
        if (wanted == null) {
            return true;
        }
        VerifiedJwt jwt = exchange.attr(AuthAttributes.JWT);
        if (jwt == null || !jwt.provider().equals(wanted.provider())) {
            return false;
        }
        for (ClaimMatch c : wanted.claims()) {
            Object value = jwt.claim(c.name());
            boolean ok = c.stringArray()
                    ? value instanceof List<?> list && list.stream().anyMatch(v -> c.values().contains(String.valueOf(v)))
                    : value instanceof String s && c.values().contains(s);
            if (!ok) {
                return false;
            }
        }
        return jwt.scopes().containsAll(wanted.scopes());
    }

    private static boolean headersMatch(List<HeaderMatch> headers, Exchange exchange) {
        for (HeaderMatch h : headers) {
            if (exchange.requestHeaders().getAll(h.name()).stream().noneMatch(h.values()::contains)) {
                return false;
            }
        }
        return true;
    }

    private static boolean consumerMatches(Principal p, Exchange exchange) {
        if (p.consumers().isEmpty()) {
            return true;
        }
        AuthenticatedIdentity id = exchange.attr(AuthAttributes.IDENTITY);
        return id != null && p.consumers().contains(id.consumer());
    }
}
