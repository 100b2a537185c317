package io.meshgate.proxy.filter.auth.basic;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of {@link BasicAuthFilter}, compiled from a SecurityPolicy's {@code basicAuth} and
 * the Consumers it admits.
 *
 * @param users per user name: the consumer name and the bcrypt hash of the password
 * @param forwardUsernameHeader request header that carries the consumer name upstream, or null for none
 * @param cacheTtl how long a verified user/password pair is accepted without running bcrypt again
 *                 (default 60 s; zero disables the cache)
 * @param cacheMaxEntries the most verified pairs remembered (default 10000)
 */
public record BasicAuthConfig(Map<String, User> users, @Nullable String forwardUsernameHeader, Duration cacheTtl,
                              int cacheMaxEntries) {

    /** The default verified-credential cache lifetime. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

    public BasicAuthConfig {
        users = Map.copyOf(users);
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl: " + cacheTtl + " (expected: >= 0)");
        }
        if (cacheMaxEntries < 0) {
            throw new IllegalArgumentException("cacheMaxEntries: " + cacheMaxEntries + " (expected: >= 0)");
        }
    }

    /**
     * One user.
     *
     * @param consumer the Consumer the user authenticates as
     * @param bcryptHash the password's bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$})
     */
    public record User(String consumer, String bcryptHash) {
        public User {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(bcryptHash, "bcryptHash");
        }
    }
}
