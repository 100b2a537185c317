package io.meshgate.proxy.filter.auth.jwt;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of {@link JwtAuthFilter}, compiled from a SecurityPolicy's {@code jwt}.
 *
 * @param optional whether a request without any token may pass (an invalid token never does)
 * @param providers the trusted issuers; a token is valid when one of them verifies it (expected: not empty)
 * @param clock the time source for {@code exp} and {@code nbf}
 */
public record JwtAuthConfig(boolean optional, List<JwtProviderConfig> providers, Clock clock) {
    public JwtAuthConfig {
        providers = List.copyOf(providers);
        Objects.requireNonNull(clock, "clock");
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("providers: [] (expected: at least one provider)");
        }
    }
}
