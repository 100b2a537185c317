package io.meshgate.api.apimgmt;

import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where an OpenAPI 3.0/3.1 document comes from: a file, or the document itself inline. Exactly one
 * of the two is set.
 *
 * @param file path of a YAML or JSON file; a relative path is resolved against the gateway's
 *     configuration directory (the {@code --config} directory, or the directory of the
 *     {@code --config} file)
 * @param inline the document text (YAML or JSON)
 * @param basePath the path prefix of every operation on this gateway, e.g. {@code /v1}; default:
 *     the path of the document's first {@code servers} URL
 */
public record OpenApiSource(@Nullable String file, @Nullable String inline, @Nullable String basePath) {
    public OpenApiSource {
        if ((file == null) == (inline == null)) {
            throw new IllegalArgumentException((file == null ? "file: required" : "inline: must be absent when file is set")
                    + " (expected: exactly one of file and inline)");
        }
        if (basePath != null && !basePath.isEmpty() && !basePath.startsWith("/")) {
            throw new IllegalArgumentException("basePath: " + basePath + " (expected: empty or starting with '/')");
        }
    }

    /** A source reading {@code file}. */
    public static OpenApiSource ofFile(String file) {
        return new OpenApiSource(file, null, null);
    }

    /** A source holding {@code document}. */
    public static OpenApiSource ofInline(String document) {
        return new OpenApiSource(null, document, null);
    }

    /**
     * Reads and parses the document. Call off any event loop: it may read a file.
     *
     * @param baseDir the directory relative {@link #file()} paths start from
     * @throws OpenApiException when the file cannot be read or the document is not usable; the
     *     pointer is prefixed with the field ({@code openapi.file}, {@code openapi.inline})
     */
    public OpenApiDocument load(Path baseDir) {
        String text;
        String field;
        if (file != null) {
            field = "file";
            Path path = baseDir.resolve(file);
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OpenApiException("", "cannot read " + path + ": " + e);
            }
        } else {
            field = "inline";
            text = inline;
        }
        try {
            return OpenApiDocument.parse(text, basePath);
        } catch (OpenApiException e) {
            throw new OpenApiException(e.pointer(), (file != null ? file : field) + ": " + e.reason());
        }
    }
}
