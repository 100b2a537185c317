package io.meshgate.api.route;

import io.meshgate.api.Hostnames;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The URLRewrite filter: changes the request before it goes to the backend.
 *
 * @param hostname the new Host / :authority (no wildcard), optional
 * @param path the path change, optional
 */
public record HttpUrlRewrite(@Nullable String hostname, @Nullable HttpPathModifier path) {
    public HttpUrlRewrite {
        if (hostname != null) {
            String problem = Hostnames.problem(hostname);
            Checks.check(problem == null && !Hostnames.isWildcard(hostname), "hostname",
                    problem != null ? problem : Checks.quote(hostname) + " (expected: a hostname without wildcard)");
        }
    }
}
