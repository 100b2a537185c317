package io.meshgate.proxy.filter.rewrite;

import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code HTTPURLRewriteFilter}.
 *
 * @param hostname replaces the Host / :authority sent to the backend, or null to keep it
 * @param path how to rewrite the path, or null to keep it
 */
public record UrlRewriteConfig(@Nullable String hostname, @Nullable PathModifier path) {
    public UrlRewriteConfig {
        if (hostname != null && (hostname.isEmpty() || hostname.startsWith("*") || hostname.contains(":"))) {
            throw new IllegalArgumentException("hostname: '" + hostname
                    + "' (expected: a precise hostname, no wildcard, no port)");
        }
    }
}
