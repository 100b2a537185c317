package io.meshgate.api.apimgmt.openapi;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation of an OpenAPI document: a method on a path template.
 *
 * @param method the HTTP method, upper case
 * @param path the path template, with the document's base path (from {@code servers}) in front
 * @param operationId the {@code operationId}, or null
 * @param parameters path-level and operation-level parameters merged (operation wins)
 * @param requestBody the request body, or null when the operation takes none
 * @param pointer JSON pointer of the operation in the document, for error messages
 */
public record ApiOperation(String method, PathTemplate path, @Nullable String operationId,
                           List<ApiParameter> parameters, @Nullable ApiRequestBody requestBody, String pointer) {
    public ApiOperation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(pointer, "pointer");
    }

    /** {@code METHOD /path/{template}}, as shown in problem reports and logs. */
    public String displayName() {
        return method + " " + path.template();
    }
}
