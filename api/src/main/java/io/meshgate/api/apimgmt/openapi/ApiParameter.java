package io.meshgate.api.apimgmt.openapi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of an operation, after {@code $ref} resolution and path-level/operation-level merging.
 *
 * @param name the parameter name (header names as written in the document)
 * @param location where it travels
 * @param required whether a request without it is invalid (always true for path parameters)
 * @param schemaPointer JSON pointer of its schema in the document, or null when it has none
 * @param style the serialization style ({@code form}, {@code simple}, ...), defaulted per location
 * @param explode whether arrays are sent as repeated parameters, defaulted per style
 * @param jsonContent true when the parameter is described by {@code content: application/json}
 *     rather than {@code schema}: its value is a JSON document
 */
public record ApiParameter(String name, ParameterLocation location, boolean required, @Nullable String schemaPointer,
                           String style, boolean explode, boolean jsonContent) {
    public ApiParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(style, "style");
    }

    /** The place used in problem reports, e.g. {@code query.limit}. */
    public String where() {
        return location.wireName() + "." + name;
    }
}
