package io.meshgate.api.security;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.route.BackendObjectReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code extAuth}: an HTTP service decides each request (Envoy Gateway field names). It receives the
 * request's method, the path appended to {@code http.path}, and the chosen headers, without the body; a 2xx
 * answer lets the request through (with {@code http.headersToBackend} copied onto it), any other answer is
 * returned to the client as it is.
 *
 * @param http the HTTP authorization service, required (gRPC is not supported)
 * @param grpc not supported; present only to give a clear error
 * @param headersToExtAuth request headers sent to the service in addition to Authorization, default none
 * @param failOpen let requests through when the service cannot be reached or times out, default false (503)
 * @param timeout how long to wait for the service, default 10s (meshgate)
 */
public record ExtAuth(HttpService http, @Nullable Object grpc, List<String> headersToExtAuth, Boolean failOpen,
                      Duration timeout) {

    public ExtAuth(@Nullable HttpService http, @Nullable Object grpc, @Nullable List<String> headersToExtAuth,
                   @Nullable Boolean failOpen, @Nullable Duration timeout) {
        Checks.check(grpc == null, "grpc", "not supported (expected: http)");
        this.http = Checks.required(http, "http");
        this.grpc = null;
        this.headersToExtAuth = Checks.list(headersToExtAuth, "headersToExtAuth");
        for (int i = 0; i < this.headersToExtAuth.size(); i++) {
            Checks.headerName(this.headersToExtAuth.get(i), "headersToExtAuth[" + i + "]");
        }
        this.failOpen = Checks.orDefault(failOpen, false);
        this.timeout = Checks.orDefault(timeout, Duration.ofSeconds(10));
        Checks.check(!this.timeout.isZero(), "timeout", "0s (expected: > 0)");
    }

    /**
     * {@code extAuth.http}: exactly one of {@code backendRefs} (or the older {@code backendRef}) and
     * {@code url}.
     *
     * @param backendRef a Backend (or Service name of one) serving the authorization API
     * @param backendRefs the same, as a list of one (Envoy Gateway's newer field)
     * @param url an http or https base URL instead of a Backend (meshgate)
     * @param path prefix of the path of authorization requests, default none (the request path is appended)
     * @param headersToBackend headers of the authorization answer copied onto the request, default none
     */
    public record HttpService(@Nullable BackendObjectReference backendRef, List<BackendObjectReference> backendRefs,
                              @Nullable String url, String path, List<String> headersToBackend) {
        public HttpService(@Nullable BackendObjectReference backendRef, @Nullable List<BackendObjectReference> backendRefs,
                           @Nullable String url, @Nullable String path, @Nullable List<String> headersToBackend) {
            this.backendRef = backendRef;
            this.backendRefs = Checks.list(backendRefs, "backendRefs");
            Checks.check(this.backendRefs.size() <= 1, "backendRefs",
                    this.backendRefs.size() + " entries (expected: at most 1)");
            int set = (backendRef == null ? 0 : 1) + (this.backendRefs.isEmpty() ? 0 : 1) + (url == null ? 0 : 1);
            Checks.check(set == 1, "backendRefs", set == 0 ? "required unless url is set (expected: exactly one of "
                    + "backendRefs, backendRef, url)" : "set together with backendRef or url (expected: exactly one of "
                    + "backendRefs, backendRef, url)");
            if (url != null) {
                try {
                    URI u = new URI(url);
                    Checks.check(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                            && u.getRawQuery() == null, "url", Checks.quote(url) + " (expected: an http or https URL without query)");
                } catch (URISyntaxException e) {
                    throw Checks.invalid("url", Checks.quote(url) + " (expected: an http or https URL without query)");
                }
            }
            this.url = url;
            String p = Checks.orDefault(path, "");
            Checks.check(p.isEmpty() || p.startsWith("/") && p.indexOf('?') < 0, "path",
                    Checks.quote(p) + " (expected: an absolute path without query)");
            this.path = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            this.headersToBackend = Checks.list(headersToBackend, "headersToBackend");
            for (int i = 0; i < this.headersToBackend.size(); i++) {
                Checks.headerName(this.headersToBackend.get(i), "headersToBackend[" + i + "]");
            }
        }

        /** The backend reference, from whichever field holds it, or null when {@code url} is used. */
        public @Nullable BackendObjectReference backend() {
            List<BackendObjectReference> all = new ArrayList<>(backendRefs);
            if (backendRef != null) {
                all.add(backendRef);
            }
            return all.isEmpty() ? null : all.get(0);
        }
    }
}
