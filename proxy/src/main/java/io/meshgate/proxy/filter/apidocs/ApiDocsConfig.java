package io.meshgate.proxy.filter.apidocs;

import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import java.util.Objects;

/**
 * Configuration of {@link ApiDocsFilter}.
 *
 * @param document the OpenAPI document to serve
 * @param specPath where the document is served as JSON, e.g. {@code /openapi.json}
 * @param uiPath where the Swagger UI page is served, without a trailing slash, e.g. {@code /docs}
 */
public record ApiDocsConfig(OpenApiDocument document, String specPath, String uiPath) {
    public ApiDocsConfig {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(specPath, "specPath");
        Objects.requireNonNull(uiPath, "uiPath");
    }
}
