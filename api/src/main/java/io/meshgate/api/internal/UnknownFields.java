package io.meshgate.api.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds the first field of a document that no record declares. Jackson reports unknown fields of a
 * record only after its constructor ran, so a misspelt required field ({@code targetRef} for
 * {@code targetRefs}) would otherwise surface as "required" instead of as the typo it is.
 */
final class UnknownFields {

    private UnknownFields() {}

    /** The first unknown field under {@code node} bound to {@code type}, or null. */
    static ErrorTranslator.@Nullable FieldError find(JsonNode node, Type type, String path) {
        Class<?> raw = raw(type);
        if (type instanceof ParameterizedType p && Collection.class.isAssignableFrom(raw) && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ErrorTranslator.FieldError e = find(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]");
                if (e != null) {
                    return e;
                }
            }
            return null;
        }
        if (type instanceof ParameterizedType p && Map.class.isAssignableFrom(raw) && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                ErrorTranslator.FieldError e = find(f.getValue(), p.getActualTypeArguments()[1], join(path, f.getKey()));
                if (e != null) {
                    return e;
                }
            }
            return null;
        }
        if (!raw.isRecord() || !node.isObject()) {
            return null;
        }
        Set<String> known = new TreeSet<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            known.add(c.getName());
        }
        JsonIgnoreProperties ignored = raw.getAnnotation(JsonIgnoreProperties.class);
        Set<String> skip = ignored == null ? Set.of() : Set.copyOf(Arrays.asList(ignored.value()));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name) && !skip.contains(name)) {
                return new ErrorTranslator.FieldError(join(path, name),
                        "unknown field (expected one of: " + String.join(", ", known) + ")");
            }
        }
        for (RecordComponent c : raw.getRecordComponents()) {
            JsonNode child = node.get(c.getName());
            if (child != null) {
                ErrorTranslator.FieldError e = find(child, c.getGenericType(), join(path, c.getName()));
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        return t instanceof ParameterizedType p ? raw(p.getRawType()) : Object.class;
    }
}
