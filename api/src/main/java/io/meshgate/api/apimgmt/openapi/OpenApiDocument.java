package io.meshgate.api.apimgmt.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed OpenAPI 3.0 or 3.1 document: its operations with parameters and request bodies
 * resolved, and the document tree itself, from which validators compile the schemas (by JSON
 * pointer, so {@code $ref}s between schemas keep working).
 *
 * <p>The tree must be treated as read-only: it is shared by everything compiled from the document.
 *
 * @param openapi the {@code openapi} version string, e.g. {@code 3.0.3} or {@code 3.1.0}
 * @param title the {@code info.title}, or empty
 * @param basePath the path of the first {@code servers} URL (e.g. {@code /v1}), or empty; it is already
 *     in front of every operation's path template
 * @param operations every operation, in document order
 * @param tree the whole document as a JSON tree
 */
public record OpenApiDocument(String openapi, String title, String basePath, List<ApiOperation> operations,
                              JsonNode tree) {
    public OpenApiDocument {
        Objects.requireNonNull(openapi, "openapi");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(basePath, "basePath");
        operations = List.copyOf(operations);
        Objects.requireNonNull(tree, "tree");
    }

    /**
     * Parses a document given as YAML or JSON text.
     *
     * @param basePath the base path to put in front of every path; null takes it from the first
     *     {@code servers} URL
     * @throws OpenApiException naming the place in the document and the reason
     */
    public static OpenApiDocument parse(String text, @Nullable String basePath) {
        return OpenApiParser.parse(text, basePath);
    }

    /** Whether this is an OpenAPI 3.1 document (JSON Schema 2020-12), as opposed to 3.0. */
    public boolean isV31() {
        return openapi.startsWith("3.1");
    }

    /**
     * The schema at {@code pointer} with {@code $ref}s to other places in the document followed,
     * or null when the pointer leads nowhere (or to a reference outside the document).
     */
    public @Nullable JsonNode resolveSchema(String pointer) {
        JsonNode node = tree.at(pointer);
        for (int hops = 0; hops < 32 && node.isObject() && node.has("$ref"); hops++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return null;
            }
            node = tree.at(OpenApiParser.unescapeFragment(ref.substring(1)));
        }
        return node.isMissingNode() ? null : node;
    }
}
