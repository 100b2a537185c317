package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One match of a rule; a request matches when every condition given holds.
 *
 * @param path the path match, default {@code PathPrefix /}
 * @param headers header matches (all must hold), default none, at most 16
 * @param queryParams query parameter matches (all must hold), default none, at most 16
 * @param method the method, default any
 */
public record HttpRouteMatch(HttpPathMatch path, List<HttpHeaderMatch> headers,
                             List<HttpQueryParamMatch> queryParams, @Nullable HttpMethod method) {
    /** The default match: every request. */
    public static final HttpRouteMatch ALL = new HttpRouteMatch(null, null, null, null);

    public HttpRouteMatch(@Nullable HttpPathMatch path, @Nullable List<HttpHeaderMatch> headers,
                          @Nullable List<HttpQueryParamMatch> queryParams, @Nullable HttpMethod method) {
        this.path = Checks.orDefault(path, HttpPathMatch.ALL);
        this.headers = Checks.list(headers, "headers");
        this.queryParams = Checks.list(queryParams, "queryParams");
        Checks.check(this.headers.size() <= 16, "headers", this.headers.size() + " entries (expected: at most 16)");
        Checks.check(this.queryParams.size() <= 16, "queryParams",
                this.queryParams.size() + " entries (expected: at most 16)");
        this.method = method;
    }
}
