package io.meshgate.proxy.filter.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import org.jspecify.annotations.Nullable;

/** The JSON type a parameter's text is read as, taken from its schema's {@code type}. */
enum ValueType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT;

    /**
     * The type of the schema at {@code pointer}; {@link #STRING} when it declares none (text is then
     * checked as it came). With OpenAPI 3.1 type lists such as {@code [integer, "null"]}, the first
     * non-null type counts.
     */
    static ValueType of(OpenApiDocument document, @Nullable String pointer) {
        JsonNode schema = pointer == null ? null : document.resolveSchema(pointer);
        return schema == null ? STRING : of(schema.get("type"));
    }

    /** The type of an array parameter's items. */
    static ValueType itemsOf(OpenApiDocument document, @Nullable String pointer) {
        return pointer == null ? STRING : of(document, pointer + "/items");
    }

    private static ValueType of(@Nullable JsonNode type) {
        if (type == null) {
            return STRING;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return of(t);
                }
            }
            return STRING;
        }
        return switch (type.asText()) {
            case "integer" -> INTEGER;
            case "number" -> NUMBER;
            case "boolean" -> BOOLEAN;
            case "array" -> ARRAY;
            case "object" -> OBJECT;
            default -> STRING;
        };
    }
}
