package io.meshgate.proxy.filter.validation;

import io.meshgate.api.ResourceSet;
import io.meshgate.api.Source;
import io.meshgate.api.apimgmt.OpenApiSource;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import io.meshgate.api.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the text of an {@link OpenApiSource} for policy compilers, with errors in config-error form. */
public final class OpenApiTexts {

    private OpenApiTexts() {
    }

    /**
     * The directory a policy's relative {@code openapi.file} resolves against: the directory of the
     * config file that holds the policy, or {@code fallback} when it did not come from a file.
     */
    public static Path baseDir(Policy policy, ResourceSet resources, Path fallback) {
        Source source = resources.sourceOf(policy);
        Path file = Path.of(source.file());
        Path parent = file.toAbsolutePath().getParent();
        return Files.isRegularFile(file) && parent != null ? parent : fallback;
    }

    /**
     * The document text: the inline text, or the file's content.
     *
     * @throws IllegalArgumentException {@code openapi.file: cannot read ...} (relative to the policy's spec) when the file cannot be read
     */
    public static String read(OpenApiSource source, Path configDir) {
        if (source.inline() != null) {
            return source.inline();
        }
        Path path = configDir.resolve(source.file());
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("openapi.file: cannot read " + path + " (" + e + ")");
        }
    }

    /**
     * The document text, or the reason it cannot be read: what a policy's filters are built from,
     * for {@code PolicyCompiler.inputs}.
     */
    public static Object inputs(OpenApiSource source, Path baseDir) {
        try {
            return read(source, baseDir);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A config error for a document that is not usable: the field, then where in the document and why. */
    public static IllegalArgumentException configError(OpenApiSource source, OpenApiException e) {
        String field = source.inline() != null ? "openapi.inline" : "openapi.file";
        String doc = source.inline() != null ? "" : source.file() + " ";
        return new IllegalArgumentException(field + ": " + doc + "at " + (e.pointer().isEmpty() ? "the document root"
                : e.pointer()) + ": " + e.reason());
    }
}
