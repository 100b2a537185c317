package io.meshgate.proxy.filter.validation;

import io.meshgate.api.apimgmt.RequestValidationSpec;
import io.meshgate.api.apimgmt.RequestValidationSpec.UnknownOperation;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import java.util.Objects;

/**
 * Configuration of {@link RequestValidationFilter}.
 *
 * @param document the parsed OpenAPI document
 * @param unknownOperation what to do with requests the document does not describe
 * @param maxBodyBytes the largest request body buffered for validation, in bytes (expected: &gt; 0)
 * @param validateFormats whether {@code format} keywords are asserted
 */
public record RequestValidationConfig(OpenApiDocument document, UnknownOperation unknownOperation, int maxBodyBytes,
                                      boolean validateFormats) {
    public RequestValidationConfig {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(unknownOperation, "unknownOperation");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
    }

    /** Defaults for {@code document}: reject unknown operations, 1 MiB bodies, formats checked. */
    public static RequestValidationConfig of(OpenApiDocument document) {
        return new RequestValidationConfig(document, UnknownOperation.Reject, RequestValidationSpec.DEFAULT_MAX_BODY_BYTES,
                true);
    }
}
