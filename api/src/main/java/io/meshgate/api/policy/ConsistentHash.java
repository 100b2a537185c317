package io.meshgate.api.policy;

import io.meshgate.api.internal.Checks;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Consistent hash settings ({@code loadBalancer.consistentHash}).
 *
 * @param type SourceIP, Header or Cookie, required
 * @param header the header to hash; required for Header, absent otherwise
 * @param cookie the cookie to hash; required for Cookie, absent otherwise
 */
public record ConsistentHash(ConsistentHashType type, @Nullable HashHeader header, @Nullable HashCookie cookie) {
    public ConsistentHash {
        type = Checks.required(type, "type");
        Checks.check((type == ConsistentHashType.Header) == (header != null), "header",
                type == ConsistentHashType.Header ? "required when type is Header" : "must be absent when type is " + type);
        Checks.check((type == ConsistentHashType.Cookie) == (cookie != null), "cookie",
                type == ConsistentHashType.Cookie ? "required when type is Cookie" : "must be absent when type is " + type);
    }

    /**
     * The header a consistent hash uses.
     *
     * @param name the header name, required
     */
    public record HashHeader(String name) {
        public HashHeader {
            name = Checks.headerName(Checks.requiredText(name, "name"), "name");
        }
    }

    /**
     * The cookie a consistent hash uses. When a request lacks it and {@code ttl} is set, the response
     * sets a generated one (Max-Age = ttl) so that the client sticks to the endpoint it got.
     *
     * @param name the cookie name, required
     * @param ttl Max-Age of a generated cookie; default none (no cookie is generated)
     * @param attributes extra attributes of a generated cookie (e.g. {@code SameSite: Strict}), default none
     */
    public record HashCookie(String name, @Nullable Duration ttl, Map<String, String> attributes) {
        public HashCookie(@Nullable String name, @Nullable Duration ttl, @Nullable Map<String, String> attributes) {
            this.name = Checks.requiredText(name, "name");
            this.ttl = ttl;
            this.attributes = Checks.map(attributes);
        }
    }
}
