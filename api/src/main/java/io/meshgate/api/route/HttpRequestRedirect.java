package io.meshgate.api.route;

import io.meshgate.api.Hostnames;
import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The RequestRedirect filter: answers with a redirect instead of forwarding. Absent fields keep the
 * request's value.
 *
 * @param scheme {@code http} or {@code https}, optional
 * @param hostname the new host (no wildcard), optional
 * @param path the path change, optional
 * @param port the new port (1..65535), optional; when absent and the scheme changes, the scheme's default port
 * @param statusCode 301, 302, 303, 307 or 308; default 302
 */
public record HttpRequestRedirect(@Nullable String scheme, @Nullable String hostname, @Nullable HttpPathModifier path,
                                  @Nullable Integer port, Integer statusCode) {
    public HttpRequestRedirect {
        if (scheme != null) {
            Checks.check(scheme.equals("http") || scheme.equals("https"), "scheme",
                    Checks.quote(scheme) + " (expected: http or https)");
        }
        if (hostname != null) {
            String problem = Hostnames.problem(hostname);
            Checks.check(problem == null && !Hostnames.isWildcard(hostname), "hostname",
                    problem != null ? problem : Checks.quote(hostname) + " (expected: a hostname without wildcard)");
        }
        if (port != null) {
            Checks.range(port, 1, 65535, "port");
        }
        statusCode = Checks.orDefault(statusCode, 302);
        int s = statusCode;
        Checks.check(s == 301 || s == 302 || s == 303 || s == 307 || s == 308, "statusCode",
                s + " (expected: one of 301, 302, 303, 307, 308)");
    }
}
