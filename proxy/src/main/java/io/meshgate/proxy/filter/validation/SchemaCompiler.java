package io.meshgate.proxy.filter.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Compiles the schemas of one OpenAPI document with the dialect of its version (OpenAPI 3.0's
 * JSON Schema subset with {@code nullable}, or 3.1's JSON Schema 2020-12). Schemas are addressed by
 * JSON pointer inside the whole document, so {@code $ref: '#/components/schemas/...'} resolves, and
 * nothing is ever fetched from outside.
 */
final class SchemaCompiler {

    private static final String DOCUMENT_IRI = "urn:meshgate:openapi";

    private final SchemaRegistry registry;

    SchemaCompiler(OpenApiDocument document, boolean validateFormats) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(validateFormats)
                .build();
        String json = document.tree().toString();
        Dialect base = document.isV31() ? Dialects.getOpenApi31() : Dialects.getOpenApi30();
        // The document's own fields (openapi, info, paths...) and x- extensions are not schema
        // keywords: they are annotations (JSON Schema 2020-12 section 6.5), not a reason to warn.
        Dialect dialect = Dialect.builder(base)
                .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                .build();
        this.registry = SchemaRegistry.withDialect(dialect,
                b -> b.schemaRegistryConfig(config)
                        .schemas(Map.of(DOCUMENT_IRI, json))
                        // Only the document itself: a $ref to a URL must not make the gateway fetch it.
                        .schemaLoader(l -> l.fetchRemoteResources(false)));
    }

    /**
     * The schema at {@code pointer}, with every reference it uses loaded now, so that validating a
     * request never compiles or loads anything.
     *
     * @throws OpenApiException when the schema is malformed or refers to something missing
     */
    Schema compile(String pointer) {
        try {
            Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + encodeFragment(pointer)));
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) { // networknt reports malformed schemas with several exception types
            throw new OpenApiException(pointer, "schema cannot be compiled: " + e.getMessage());
        }
    }

    // RFC 3986 section 3.5: a JSON pointer may hold characters (braces, spaces) a fragment must escape.
    private static String encodeFragment(String pointer) {
        StringBuilder b = new StringBuilder(pointer.length() + 8);
        for (byte x : pointer.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
