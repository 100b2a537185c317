package io.meshgate.api;

import java.util.Objects;

/**
 * One reason a set of resources was rejected (or, as a warning, something the user should know):
 * which file, which resource, which field and why.
 *
 * @param file the file the resource came from, empty when not known
 * @param resource the resource as {@code Kind namespace/name}, empty for file-level problems (YAML syntax)
 * @param fieldPath the field, e.g. {@code spec.rules[0].matches[1].path.type}; empty for the whole resource
 * @param reason what is wrong, Armeria style: {@code -1 (expected: >= 0)}
 * @param line 1-based line of the field in the file (of the document when the field is not in the file,
 *     e.g. a missing required field), 0 when unknown; not part of {@link #toString()} so that messages stay
 *     stable when lines move (see {@link #toStringWithLine()})
 */
public record ConfigError(String file, String resource, String fieldPath, String reason, int line) {
    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(fieldPath, "fieldPath");
        Objects.requireNonNull(reason, "reason");
    }

    /** An error with no known line. */
    public ConfigError(String file, String resource, String fieldPath, String reason) {
        this(file, resource, fieldPath, reason, 0);
    }

    /** An error about a resource from {@code source}. */
    public static ConfigError of(Source source, ResourceId resource, String fieldPath, String reason) {
        return new ConfigError(source.file(), resource.toString(), fieldPath, reason, source.line());
    }

    /** {@code file: Kind namespace/name: field.path: reason}, leaving out the empty parts. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb, file);
        append(sb, resource);
        append(sb, fieldPath);
        return sb.append(reason).toString();
    }

    /** Like {@link #toString()} with the line after the file: {@code routes.yaml:12: HTTPRoute default/shop: ...}. */
    public String toStringWithLine() {
        if (line <= 0 || file.isEmpty() || resource.isEmpty()) {
            return toString();
        }
        StringBuilder sb = new StringBuilder(file).append(':').append(line).append(": ");
        append(sb, resource);
        append(sb, fieldPath);
        return sb.append(reason).toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (!part.isEmpty()) {
            sb.append(part).append(": ");
        }
    }
}
