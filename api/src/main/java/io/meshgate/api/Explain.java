package io.meshgate.api;

import io.meshgate.api.internal.ErrorTranslator;
import io.meshgate.api.internal.doc.FieldDocProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Describes a kind or one of its fields, like {@code kubectl explain}: the field's type, its description
 * with unit and default (from the records' Javadoc), and its sub-fields. What {@code meshgate explain}
 * prints.
 */
public final class Explain {

    private final ResourceKinds kinds;
    private final Properties docs = new Properties();

    /** An explainer of the given kinds. */
    public Explain(ResourceKinds kinds) {
        this.kinds = kinds;
        try (InputStream in = Explain.class.getClassLoader().getResourceAsStream(FieldDocProcessor.RESOURCE)) {
            if (in != null) {
                docs.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kinds that can be explained (those loaded into records), sorted. */
    public List<String> kinds() {
        return kinds.all().stream().filter(k -> k.type() != null).map(ResourceKind::kind).sorted().toList();
    }

    /**
     * The description of {@code path}: a kind ({@code HTTPRoute}, case-insensitive) optionally followed by
     * a field path ({@code HTTPRoute.spec.rules.matches}; list elements need no index).
     *
     * @throws IllegalArgumentException for an unknown kind or field; the message lists what exists
     */
    public String explain(String path) {
        String[] parts = path.split("\\.");
        ResourceKind kind = kinds.all().stream()
                .filter(k -> k.type() != null && k.kind().equalsIgnoreCase(parts[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException('"' + parts[0] + "\" (expected one of: "
                                                                + String.join(", ", kinds()) + ")"));
        Class<?> owner = kind.type();
        Type type = owner;
        String description = docs.getProperty(owner.getName(), "");
        StringBuilder field = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            Class<?> record = raw(element(type));
            if (!record.isRecord()) {
                throw new IllegalArgumentException(field + " has no fields");
            }
            RecordComponent c = component(record, parts[i]);
            if (c == null) {
                throw new IllegalArgumentException('"' + parts[i] + "\" is not a field of " + (field.length() == 0
                        ? kind.kind() : field) + " (expected one of: " + String.join(", ", names(record)) + ")");
            }
            field.append(field.length() == 0 ? "" : ".").append(c.getName());
            type = c.getGenericType();
            description = docs.getProperty(record.getName() + "." + c.getName(), "");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("KIND:     ").append(kind.kind()).append('\n');
        sb.append("VERSION:  ").append(kind.apiVersion()).append("\n\n");
        if (field.length() > 0) {
            sb.append("FIELD:    ").append(field).append(" <").append(typeName(type)).append(">\n\n");
        }
        if (!description.isEmpty()) {
            sb.append("DESCRIPTION:\n").append(wrap(description, "    ")).append('\n');
        }
        Class<?> target = raw(element(type));
        if (target.isRecord()) {
            sb.append("FIELDS:\n");
            for (RecordComponent c : target.getRecordComponents()) {
                sb.append("  ").append(c.getName()).append("\t<").append(typeName(c.getGenericType())).append(">\n");
                String d = docs.getProperty(target.getName() + "." + c.getName(), "");
                if (!d.isEmpty()) {
                    sb.append(wrap(d, "    "));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static RecordComponent component(Class<?> record, String name) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<String> names(Class<?> record) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            out.add(c.getName());
        }
        return out;
    }

    /** The element type of a list, the value type of a map, or the type itself. */
    private static Type element(Type t) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = raw(p.getRawType());
            if (Collection.class.isAssignableFrom(raw)) {
                return element(p.getActualTypeArguments()[0]);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return element(p.getActualTypeArguments()[1]);
            }
        }
        return t;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        return Object.class;
    }

    static String typeName(Type t) {
        Class<?> raw = raw(t);
        if (t instanceof ParameterizedType p && Collection.class.isAssignableFrom(raw)) {
            return "[]" + typeName(p.getActualTypeArguments()[0]);
        }
        if (t instanceof ParameterizedType p && Map.class.isAssignableFrom(raw)) {
            return "map[string]" + typeName(p.getActualTypeArguments()[1]);
        }
        if (raw == String.class) {
            return "string";
        }
        if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
            return "integer";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "boolean";
        }
        if (raw == Duration.class) {
            return "duration";
        }
        if (raw.isEnum()) {
            return String.join(" | ", ErrorTranslator.enumNames(raw).split(", "));
        }
        return raw.isRecord() ? "object" : raw.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String wrap(String text, String indent) {
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() > 100 && line.length() > indent.length()) {
                sb.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        return sb.append(line.toString().stripTrailing()).append('\n').toString();
    }
}
