package io.meshgate.api.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.meshgate.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns Jackson's binding exceptions into a field path and an Armeria-style reason, e.g.
 * {@code spec.rules[0].matches[0].path.type} and {@code "Prefix" (expected one of: Exact, PathPrefix,
 * RegularExpression)}.
 */
public final class ErrorTranslator {

    /**
     * A field path and a reason.
     *
     * @param path e.g. {@code spec.listeners[0].port}, empty for the document itself
     * @param reason e.g. {@code 0 (expected: 1..65535)}
     */
    public record FieldError(String path, String reason) {}

    private ErrorTranslator() {}

    /** Translates an exception thrown while binding {@code root} to {@code type}. */
    public static FieldError translate(JsonMappingException e, JsonNode root, Class<?> type) {
        if (!(e instanceof UnrecognizedPropertyException)) {
            // A misspelt field explains a "required" from a constructor better than the constructor does.
            FieldError unknown = UnknownFields.find(root, type, "");
            if (unknown != null) {
                return unknown;
            }
        }
        return translate(e, root);
    }

    /** Translates an exception thrown while binding {@code root}. */
    public static FieldError translate(JsonMappingException e, JsonNode root) {
        List<Object> refs = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            refs.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
        }
        String path = render(refs);
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String expected = known == null || known.isEmpty() ? "no fields here"
                    : "one of: " + new TreeSet<>(known.stream().map(String::valueOf).toList()).stream()
                            .collect(Collectors.joining(", "));
            return new FieldError(path, "unknown field (expected " + expected + ")");
        }
        if (e.getCause() instanceof InputCoercionException c) {
            return new FieldError(path, renderNode(at(root, refs)) + " (expected: " + describe(c.getTargetType(), null)
                                        + range(c.getTargetType()) + ")");
        }
        if (e instanceof ValueInstantiationException) {
            return fromConstructor(path, e.getCause());
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
            return new FieldError(path, f.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException m) {
            JsonNode node = at(root, refs);
            Class<?> target = m.getTargetType();
            String value = e instanceof InvalidFormatException f && f.getValue() != null
                    ? renderValue(f.getValue()) : renderNode(node);
            if (target != null && target.isEnum()) {
                return new FieldError(path, value + " (expected one of: " + enumNames(target) + ")");
            }
            return new FieldError(path, value + " (expected: " + describe(target, null) + ")");
        }
        return new FieldError(path, e.getOriginalMessage());
    }

    private static FieldError fromConstructor(String path, @Nullable Throwable cause) {
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            String msg = cause.getMessage();
            int colon = msg.indexOf(": ");
            if (colon > 0 && !msg.substring(0, colon).contains(" ")) {
                String field = msg.substring(0, colon);
                String joined = path.isEmpty() ? field : field.startsWith("[") ? path + field : path + '.' + field;
                return new FieldError(joined, msg.substring(colon + 2));
            }
            return new FieldError(path, msg);
        }
        if (cause instanceof NullPointerException) {
            return new FieldError(path, "required value missing");
        }
        return new FieldError(path, cause == null ? "invalid" : String.valueOf(cause.getMessage()));
    }

    /** Renders a path of field names and indexes, e.g. {@code spec.rules[0].name}. */
    public static String render(List<Object> refs) {
        StringBuilder sb = new StringBuilder();
        for (Object r : refs) {
            if (r instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r);
            }
        }
        return sb.toString();
    }

    private static @Nullable JsonNode at(JsonNode root, List<Object> refs) {
        JsonNode n = root;
        for (Object r : refs) {
            if (n == null) {
                return null;
            }
            n = r instanceof Integer i ? n.get(i) : n.get((String) r);
        }
        return n;
    }

    private static String renderNode(@Nullable JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isTextual()) {
            return Checks.quote(n.asText());
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.asText();
    }

    private static String renderValue(Object v) {
        return v instanceof String s ? Checks.quote(s) : String.valueOf(v);
    }

    private static String range(@Nullable Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return " of at most " + Integer.MAX_VALUE;
        }
        return type == Long.class || type == long.class ? " of at most " + Long.MAX_VALUE : "";
    }

    /** Describes what a value of {@code type} looks like, for "(expected: ...)". */
    static String describe(@Nullable Class<?> type, @Nullable JavaType unused) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
            || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Duration.class) {
            return Durations.EXPECTED;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return "an object";
    }

    /** The YAML spellings of an enum's constants, comma-separated. */
    public static String enumNames(Class<?> enumType) {
        List<String> names = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) {
            String name = ((Enum<?>) c).name();
            try {
                JsonProperty p = enumType.getField(name).getAnnotation(JsonProperty.class);
                names.add(p != null ? p.value() : name);
            } catch (NoSuchFieldException e) {
                names.add(name);
            }
        }
        return String.join(", ", names);
    }
}
