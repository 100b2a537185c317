package io.meshgate.proxy.filter.jsonshape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link JsonShapeConfig} to a parsed JSON document, in place: keep, then remove, then
 * rename. Paths are split once, when the shaper is built. Immutable and thread-safe.
 */
final class JsonShaper {

    /** The kept paths as a tree: a leaf keeps the whole value, an inner node keeps only its children. */
    private final Map<String, Object> keep;
    private final List<String[]> remove;
    private final List<Map.Entry<String[], String>> rename;

    JsonShaper(JsonShapeConfig config) {
        this.keep = new LinkedHashMap<>();
        for (String path : config.keep()) {
            addKeep(keep, path.split("\\."), 0);
        }
        this.remove = config.remove().stream().map(p -> p.split("\\.")).toList();
        List<Map.Entry<String[], String>> r = new ArrayList<>();
        config.rename().forEach((from, to) -> r.add(Map.entry(from.split("\\."), to)));
        this.rename = List.copyOf(r);
    }

    /** Shapes {@code root}; returns it (changed in place). */
    JsonNode shape(JsonNode root) {
        if (!keep.isEmpty()) {
            keep(root, keep);
        }
        for (String[] path : remove) {
            remove(root, path, 0);
        }
        for (Map.Entry<String[], String> e : rename) {
            rename(root, e.getKey(), 0, e.getValue());
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void addKeep(Map<String, Object> tree, String[] path, int i) {
        Object existing = tree.get(path[i]);
        if (i == path.length - 1) {
            tree.put(path[i], Boolean.TRUE); // keep all below, overriding narrower paths
            return;
        }
        if (existing == Boolean.TRUE) {
            return; // a wider path already keeps everything below
        }
        Map<String, Object> child = existing instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        tree.put(path[i], child);
        addKeep(child, path, i + 1);
    }

    @SuppressWarnings("unchecked")
    private static void keep(JsonNode node, Map<String, Object> tree) {
        if (node instanceof ArrayNode array) {
            array.forEach(element -> keep(element, tree));
        } else if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> !tree.containsKey(field.getKey()));
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (tree.get(field.getKey()) instanceof Map<?, ?> child) {
                    keep(field.getValue(), (Map<String, Object>) child);
                }
            }
        }
    }

    private static void remove(JsonNode node, String[] path, int i) {
        if (node instanceof ArrayNode array) {
            array.forEach(element -> remove(element, path, i));
        } else if (node instanceof ObjectNode object) {
            if (i == path.length - 1) {
                object.remove(path[i]);
            } else {
                JsonNode next = object.get(path[i]);
                if (next != null) {
                    remove(next, path, i + 1);
                }
            }
        }
    }

    private static void rename(JsonNode node, String[] path, int i, String to) {
        if (node instanceof ArrayNode array) {
            array.forEach(element -> rename(element, path, i, to));
        } else if (node instanceof ObjectNode object) {
            if (i < path.length - 1) {
                JsonNode next = object.get(path[i]);
                if (next != null) {
                    rename(next, path, i + 1, to);
                }
                return;
            }
            if (!object.has(path[i]) || path[i].equals(to)) {
                return;
            }
            // Rebuild the object so the renamed field keeps its place (Jackson has no in-place rename).
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            object.properties().forEach(f -> {
                String name = f.getKey().equals(path[i]) ? to : f.getKey();
                if (!f.getKey().equals(to)) { // the renamed field replaces one already called `to`
                    fields.put(name, f.getValue());
                }
            });
            object.removeAll();
            object.setAll(fields);
        }
    }
}
