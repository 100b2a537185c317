package io.meshgate.api.apimgmt.openapi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request body of an operation.
 *
 * @param required whether a request without a body is invalid
 * @param content the accepted media types, in document order
 */
public record ApiRequestBody(boolean required, List<ApiMediaType> content) {
    public ApiRequestBody {
        content = List.copyOf(content);
    }

    /**
     * The entry for a request {@code Content-Type}: an exact type wins over a range, a range over
     * {@code *}{@code /*}; null when none accepts it.
     */
    public @Nullable ApiMediaType mediaTypeFor(String contentType) {
        ApiMediaType best = null;
        int bestRank = -1;
        for (ApiMediaType m : content) {
            if (!m.matches(contentType)) {
                continue;
            }
            String r = ApiMediaType.essence(m.range());
            int rank = r.equals("*/*") ? 0 : r.endsWith("/*") ? 1 : 2;
            if (rank > bestRank) {
                best = m;
                bestRank = rank;
            }
        }
        return best;
    }
}
