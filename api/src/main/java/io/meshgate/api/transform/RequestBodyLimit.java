package io.meshgate.api.transform;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * {@code requestBodyLimit}: the largest request body the route accepts. A request announcing more
 * (Content-Length) gets 413 before its body is read; a chunked body is counted as it streams and
 * cut off with 413 when it passes the limit.
 *
 * @param maxBytes the limit in bytes, required (expected: >= 0; 0 accepts only empty bodies)
 */
public record RequestBodyLimit(Long maxBytes) {
    public RequestBodyLimit(@Nullable Long maxBytes) {
        this.maxBytes = Checks.atLeast(Checks.required(maxBytes, "maxBytes"), 0L, "maxBytes");
    }
}
