package io.meshgate.proxy.filter.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.api.apimgmt.openapi.ApiParameter;
import io.meshgate.api.apimgmt.openapi.ParameterLocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of one parameter (as it came in the path, query, a header or a cookie) into the
 * JSON value its schema describes, following the parameter's {@code style} and {@code explode}
 * (OpenAPI 3.x "Style Values"). Built once per parameter per snapshot.
 */
final class ParameterReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiParameter parameter;
    private final ValueType type;
    private final ValueType itemType;
    private final ObjectMapper json;

    ParameterReader(ApiParameter parameter, ValueType type, ValueType itemType, ObjectMapper json) {
        this.parameter = parameter;
        this.type = type;
        this.itemType = itemType;
        this.json = json;
    }

    /** Whether {@link #read} can produce a value its schema can check; objects only in {@code deepObject} style. */
    boolean checkable() {
        return parameter.jsonContent() || type != ValueType.OBJECT || parameter.style().equals("deepObject");
    }

    /**
     * Reads the values of the parameter.
     *
     * @param values every occurrence (one for path/header/cookie; as many as repeated for query),
     *     already percent-decoded
     * @param deepObject for {@code deepObject} query parameters, the {@code name[prop]} values by prop
     * @throws BadValue when the text is not of the schema's type
     */
    JsonNode read(List<String> values, Map<String, String> deepObject) throws BadValue {
        if (parameter.jsonContent()) {
            try {
                return json.readTree(values.get(0));
            } catch (JsonProcessingException e) {
                throw new BadValue("is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (type == ValueType.OBJECT) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<String, String> e : deepObject.entrySet()) {
                o.put(e.getKey(), e.getValue());
            }
            return o;
        }
        if (type == ValueType.ARRAY) {
            ArrayNode a = NODES.arrayNode();
            List<String> items = values.size() > 1 || parameter.explode() && parameter.location() != ParameterLocation.HEADER
                    ? values : split(values.get(0));
            for (String item : items) {
                a.add(scalar(item, itemType));
            }
            return a;
        }
        return scalar(values.get(values.size() - 1), type);
    }

    private List<String> split(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        String sep = switch (parameter.style()) {
            case "spaceDelimited" -> " ";
            case "pipeDelimited" -> "\\|";
            default -> ",";
        };
        return List.of(value.split(sep, -1));
    }

    private static JsonNode scalar(String text, ValueType type) throws BadValue {
        switch (type) {
            case INTEGER -> {
                try {
                    return NODES.numberNode(new BigInteger(text));
                } catch (NumberFormatException e) {
                    throw new BadValue("'" + text + "' is not an integer");
                }
            }
            case NUMBER -> {
                try {
                    return NODES.numberNode(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw new BadValue("'" + text + "' is not a number");
                }
            }
            case BOOLEAN -> {
                if (text.equals("true") || text.equals("false")) {
                    return NODES.booleanNode(text.equals("true"));
                }
                throw new BadValue("'" + text + "' is not a boolean (expected: true or false)");
            }
            default -> {
                return NODES.textNode(text);
            }
        }
    }

    /** Text that is not of the parameter's type; the message says what it is and what was expected. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
