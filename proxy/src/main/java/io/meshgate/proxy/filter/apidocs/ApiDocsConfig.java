package io.meshgate.proxy.filter.apidocs;

import io.meshgate.api.apimgmt.ApiDocs;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import java.nio.file.Path;
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

    /** From the resource spec, reading the document (call off the event loops). */
    public static ApiDocsConfig from(ApiDocs spec, Path baseDir) {
        return new ApiDocsConfig(spec.openapi().load(baseDir), spec.specPathOrDefault(), spec.uiPathOrDefault());
    }
}
