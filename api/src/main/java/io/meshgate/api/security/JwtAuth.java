package io.meshgate.api.security;

import io.meshgate.api.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code jwt}: requests must carry a JWT that one of the providers verifies (Envoy Gateway field names).
 *
 * @param optional let requests without any token through (an invalid token is still refused), default false
 * @param providers the trusted issuers, 1..4, with distinct names
 */
public record JwtAuth(Boolean optional, List<JwtProvider> providers) {
    public JwtAuth(@Nullable Boolean optional, @Nullable List<JwtProvider> providers) {
        this.optional = Checks.orDefault(optional, false);
        this.providers = Checks.list(providers, "providers");
        Checks.check(!this.providers.isEmpty() && this.providers.size() <= 4, "providers",
                this.providers.isEmpty() ? "required (expected: 1..4 providers)"
                        : this.providers.size() + " entries (expected: 1..4)");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < this.providers.size(); i++) {
            String name = this.providers.get(i).name();
            Checks.check(names.add(name), "providers[" + i + "].name",
                    Checks.quote(name) + " is used twice (expected: distinct provider names)");
        }
    }

    /** Whether a provider has this name. */
    public boolean hasProvider(String name) {
        return providers.stream().anyMatch(p -> p.name().equals(name));
    }
}
