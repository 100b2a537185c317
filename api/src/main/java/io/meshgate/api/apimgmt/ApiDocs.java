package io.meshgate.api.apimgmt;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The spec of an {@code ApiDocs} resource ({@code meshgate.io/v1alpha1}): serves an OpenAPI document
 * as JSON and a Swagger UI page for it. Used from an HTTPRoute rule as an {@code ExtensionRef}
 * filter; the rule's matches must cover both paths.
 *
 * @param openapi the OpenAPI document to serve
 * @param specPath where the document is served as JSON; default {@code /openapi.json}
 * @param uiPath where the Swagger UI page is served (its assets live below it); default {@code /docs}
 */
public record ApiDocs(OpenApiSource openapi, @Nullable String specPath, @Nullable String uiPath) {

    public ApiDocs {
        Objects.requireNonNull(openapi, "openapi");
        checkPath("specPath", specPath);
        checkPath("uiPath", uiPath);
        if (specPath != null && uiPath != null && specPath.equals(uiPath)) {
            throw new IllegalArgumentException("uiPath: " + uiPath + " (expected: different from specPath)");
        }
    }

    /** {@link #specPath()} with its default. */
    public String specPathOrDefault() {
        return specPath == null ? "/openapi.json" : specPath;
    }

    /** {@link #uiPath()} with its default, without a trailing slash. */
    public String uiPathOrDefault() {
        String p = uiPath == null ? "/docs" : uiPath;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static void checkPath(String field, @Nullable String path) {
        if (path != null && (!path.startsWith("/") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0)) {
            throw new IllegalArgumentException(field + ": " + path + " (expected: an absolute path without query)");
        }
    }
}
