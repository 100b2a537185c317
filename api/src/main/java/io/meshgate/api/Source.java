package io.meshgate.api;

import java.util.Objects;

/**
 * Where a resource was read from.
 *
 * @param file the file name as given to the loader (or the key of an in-memory document)
 * @param document 0-based index of the YAML document within the file
 * @param line 1-based line where the document's content starts, 0 when unknown
 */
public record Source(String file, int document, int line) {
    public Source {
        Objects.requireNonNull(file, "file");
    }

    /** A source for a resource that did not come from a file (e.g. built in code). */
    public static Source unknown() {
        return new Source("<memory>", 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ':' + line : file;
    }
}
