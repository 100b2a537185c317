package io.meshgate.api.transform;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A TransformFilter's {@code spec}: one or more blocks, each optional.
 *
 * @param requestBodyLimit refuse request bodies larger than a limit with 413
 * @param compression compress responses the client accepts compressed
 * @param jsonShape keep, remove and rename fields of JSON responses
 * @param aggregation answer the request by calling several backends and merging their JSON
 */
public record TransformFilterSpec(@Nullable RequestBodyLimit requestBodyLimit, @Nullable Compression compression,
                                  @Nullable JsonShape jsonShape, @Nullable Aggregation aggregation) {
    public TransformFilterSpec {
        Checks.check(requestBodyLimit != null || compression != null || jsonShape != null || aggregation != null,
                "requestBodyLimit", "required unless compression, jsonShape or aggregation is set "
                        + "(expected: at least one block)");
    }
}
