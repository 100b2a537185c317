package io.meshgate.api.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every field of every document in a YAML file, keyed by the document's start line and the
 * field path ({@code spec.rules[0].backendRefs[1].weight}). Built only for files that have errors, so that
 * loading stays cheap.
 */
public final class LineIndex {

    private final Map<Integer, Map<String, Integer>> byDocument = new HashMap<>();

    private LineIndex() {}

    /** Indexes {@code content}; a file that does not parse gives what was read before the syntax error. */
    public static LineIndex of(String content) {
        LineIndex index = new LineIndex();
        try (JsonParser p = Json.yaml().getFactory().createParser(content)) {
            while (p.nextToken() != null) {
                Map<String, Integer> lines = new HashMap<>();
                index.byDocument.put(p.currentTokenLocation().getLineNr(), lines);
                walk(p, "", lines);
            }
        } catch (IOException e) {
            // keep what was indexed
        }
        return index;
    }

    /**
     * The line of {@code fieldPath} in the document starting at {@code documentLine}, or of its closest
     * enclosing field; {@code documentLine} when nothing is known.
     */
    public int line(int documentLine, String fieldPath) {
        Map<String, Integer> lines = byDocument.get(documentLine);
        if (lines == null) {
            return documentLine;
        }
        String path = fieldPath;
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return documentLine;
    }

    private static void walk(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        if (p.currentToken() == JsonToken.START_OBJECT) {
            boolean first = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (first && path.endsWith("]")) {
                    // A list item's object starts where its first field is ("- name: x"), not at the "-".
                    lines.put(path, p.currentTokenLocation().getLineNr());
                }
                first = false;
                String child = path.isEmpty() ? p.currentName() : path + '.' + p.currentName();
                lines.putIfAbsent(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                walk(p, child, lines);
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
                walk(p, path + '[' + i++ + ']', lines);
            }
        }
    }
}
