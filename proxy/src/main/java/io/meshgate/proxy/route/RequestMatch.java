package io.meshgate.proxy.route;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Gateway API {@code HTTPRouteMatch}: every condition must hold (path AND method AND all headers
 * AND all query parameters). Repeated header or query parameter names keep only their first
 * entry, as the spec requires.
 *
 * @param path the path condition ({@link PathMatch#any()} when absent)
 * @param method the method, or null for any
 * @param headers header conditions
 * @param queryParams query parameter conditions
 */
public record RequestMatch(PathMatch path, @Nullable HttpMethod method, List<HeaderMatch> headers,
                           List<QueryParamMatch> queryParams) {

    /** Matches every request (PathPrefix {@code /}). */
    public static final RequestMatch ANY = new RequestMatch(PathMatch.any(), null, List.of(), List.of());

    public RequestMatch {
        Objects.requireNonNull(path, "path");
        headers = firstOfEachName(headers);
        queryParams = firstOfEachParam(queryParams);
    }

    /** A match on the path only. */
    public static RequestMatch path(PathMatch path) {
        return new RequestMatch(path, null, List.of(), List.of());
    }

    private static List<HeaderMatch> firstOfEachName(List<HeaderMatch> headers) {
        Set<AsciiString> seen = new HashSet<>();
        List<HeaderMatch> out = new ArrayList<>(headers.size());
        for (HeaderMatch h : headers) {
            if (seen.add(h.name())) {
                out.add(h);
            }
        }
        return List.copyOf(out);
    }

    private static List<QueryParamMatch> firstOfEachParam(List<QueryParamMatch> params) {
        Set<String> seen = new HashSet<>();
        List<QueryParamMatch> out = new ArrayList<>(params.size());
        for (QueryParamMatch q : params) {
            if (seen.add(q.name())) {
                out.add(q);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the request matches every condition but the path (checked by the caller's index). */
    boolean matchesBesidesPath(MatchInput in) {
        if (method != null && !method.equals(in.method())) {
            return false;
        }
        for (HeaderMatch h : headers) {
            String actual = in.header(h.name());
            if (actual == null || !h.value().matches(actual)) {
                return false;
            }
        }
        for (QueryParamMatch q : queryParams) {
            String actual = in.queryParam(q.name());
            if (actual == null || !q.value().matches(actual)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the request matches every condition. */
    boolean matches(MatchInput in) {
        return path.matches(in.path()) && matchesBesidesPath(in);
    }
}
