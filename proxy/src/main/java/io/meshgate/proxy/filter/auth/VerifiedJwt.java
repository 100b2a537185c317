package io.meshgate.proxy.filter.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JWT whose signature and registered claims were verified, with the provider that verified it.
 *
 * @param provider the name of the {@code jwt.providers[]} entry that accepted the token
 * @param claims the token's claims
 */
public record VerifiedJwt(String provider, JWTClaimsSet claims) {

    public VerifiedJwt {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(claims, "claims");
    }

    /**
     * The claim at a dotted path ({@code "sub"}, {@code "org.department"}), or null when absent.
     * A top-level claim whose own name contains dots wins over a nested path.
     */
    public @Nullable Object claim(String path) {
        Object direct = claims.getClaim(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        Object current = claims.getClaims();
        for (String part : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /**
     * The OAuth scopes of the token: the space-separated {@code scope} claim (RFC 8693 §4.2,
     * RFC 6749 §3.3), or a {@code scp} array as some issuers send it.
     */
    public Set<String> scopes() {
        Set<String> out = new LinkedHashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s) {
            for (String part : s.split(" ")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (scope instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        if (claims.getClaim("scp") instanceof List<?> scp) {
            scp.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }
}
