package io.meshgate.proxy.filter.jsonshape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Config of {@link JsonShapeFilter}: field paths are dotted ({@code user.address.city}); a path
 * crossing an array applies to each of its elements.
 *
 * @param keep when not empty, only these fields remain
 * @param remove fields dropped
 * @param rename field path to its new name (in the same object)
 * @param maxBytes the largest response body shaped (expected: &gt; 0)
 */
public record JsonShapeConfig(List<String> keep, List<String> remove, Map<String, String> rename, int maxBytes) {
    public JsonShapeConfig {
        keep = List.copyOf(keep);
        remove = List.copyOf(remove);
        rename = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rename));
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
    }
}
