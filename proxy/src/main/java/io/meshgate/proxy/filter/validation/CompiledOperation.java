package io.meshgate.proxy.filter.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.meshgate.api.apimgmt.openapi.ApiMediaType;
import io.meshgate.api.apimgmt.openapi.ApiOperation;
import io.meshgate.api.apimgmt.openapi.ApiParameter;
import io.meshgate.api.apimgmt.openapi.ApiRequestBody;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.api.apimgmt.openapi.ParameterLocation;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.http.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One operation with everything its checks need compiled: a reader and a schema per parameter, a
 * schema per JSON media type of the body. Immutable and thread-safe.
 */
final class CompiledOperation {

    /** Problem reports list at most this many errors, so a hostile body cannot make a huge answer. */
    static final int MAX_ERRORS = 20;

    // OpenAPI 3.x: header parameters with these names are described elsewhere and must be ignored.
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

    private final ApiOperation operation;
    private final List<ParameterCheck> parameters;
    private final @Nullable ApiRequestBody body;
    private final Map<ApiMediaType, Schema> bodySchemas;
    private final ObjectMapper json;

    CompiledOperation(ApiOperation operation, OpenApiDocument document, SchemaCompiler compiler, ObjectMapper json) {
        this.operation = operation;
        this.json = json;
        List<ParameterCheck> checks = new ArrayList<>();
        for (ApiParameter p : operation.parameters()) {
            if (p.location() == ParameterLocation.HEADER && IGNORED_HEADERS.contains(p.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            ParameterReader reader = new ParameterReader(p, ValueType.of(document, p.schemaPointer()),
                    ValueType.itemsOf(document, p.schemaPointer()), json);
            Schema schema = p.schemaPointer() == null || !reader.checkable() ? null : compiler.compile(p.schemaPointer());
            checks.add(new ParameterCheck(p, reader, schema));
        }
        this.parameters = List.copyOf(checks);
        this.body = operation.requestBody();
        Map<ApiMediaType, Schema> schemas = new HashMap<>();
        if (body != null) {
            for (ApiMediaType m : body.content()) {
                if (m.isJson() && m.schemaPointer() != null) {
                    schemas.put(m, compiler.compile(m.schemaPointer()));
                }
            }
        }
        this.bodySchemas = Map.copyOf(schemas);
    }

    ApiOperation operation() {
        return operation;
    }

    boolean hasBody() {
        return body != null;
    }

    /** Checks the request; null when it is valid, else the problem response to send. */
    FilterResult.@Nullable Respond check(Exchange exchange, Map<String, String> pathVariables) {
        List<Violation> errors = new ArrayList<>();
        RequestParameters params = new RequestParameters(exchange, pathVariables);
        for (ParameterCheck c : parameters) {
            c.check(params, errors);
        }
        FilterResult.Respond unsupported = checkBody(exchange, errors);
        if (unsupported != null) {
            return unsupported;
        }
        if (errors.isEmpty()) {
            return null;
        }
        List<Violation> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
        String detail = errors.size() == 1 ? "1 error in the request" : errors.size() + " errors in the request";
        return Problems.respond(400, Problems.INVALID_REQUEST, "Request does not match the API description", detail,
                operation.displayName(), shown, EmptyHttpHeaders.INSTANCE);
    }

    private FilterResult.@Nullable Respond checkBody(Exchange exchange, List<Violation> errors) {
        ByteBuf buf = exchange.requestBody();
        boolean present = buf != null && buf.isReadable();
        if (body == null) {
            return null; // the description says nothing about a body: leave it to the backend
        }
        if (!present) {
            if (body.required()) {
                errors.add(new Violation("body", "a request body is required"));
            }
            return null;
        }
        String contentType = exchange.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        ApiMediaType media = contentType == null ? null : body.mediaTypeFor(contentType);
        if (media == null) {
            List<String> accepted = body.content().stream().map(ApiMediaType::range).toList();
            return Problems.respond(415, Problems.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type " + (contentType == null ? "is missing" : "'" + contentType + "' is not accepted")
                            + " (expected: " + String.join(", ", accepted) + ")",
                    operation.displayName(), List.of(new Violation("header.Content-Type",
                            "expected one of " + String.join(", ", accepted))), EmptyHttpHeaders.INSTANCE);
        }
        Schema schema = bodySchemas.get(media);
        if (schema == null) {
            return null;
        }
        JsonNode tree;
        try (InputStream in = new ByteBufInputStream(buf.duplicate())) {
            tree = json.readTree(in);
        } catch (JsonProcessingException e) {
            errors.add(new Violation("body", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")")));
            return null;
        } catch (IOException e) {
            errors.add(new Violation("body", "cannot be read: " + e.getMessage()));
            return null;
        }
        for (Error e : schema.validate(tree)) {
            errors.add(violation("body", e));
        }
        return null;
    }

    /**
     * A schema error as a violation at {@code prefix} plus the JSON pointer of the offending value;
     * for a missing or unexpected property, the pointer names the property itself.
     */
    static Violation violation(String prefix, Error e) {
        String at = e.getInstanceLocation().toString();
        if (e.getProperty() != null && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))) {
            at = at + "/" + e.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return new Violation(prefix + at, e.getMessage());
    }

    /** A parameter with its reader and compiled schema (null when there is nothing to check beyond presence). */
    private record ParameterCheck(ApiParameter parameter, ParameterReader reader, @Nullable Schema schema) {

        void check(RequestParameters params, List<Violation> errors) {
            List<String> values = params.values(parameter);
            boolean deep = parameter.style().equals("deepObject");
            Map<String, String> deepValues = deep ? params.deepObject(parameter.name()) : Map.of();
            if (deep ? deepValues.isEmpty() : values.isEmpty()) {
                if (parameter.required()) {
                    errors.add(new Violation(parameter.where(), "required " + parameter.location().wireName()
                            + " parameter is missing"));
                }
                return;
            }
            if (schema == null) {
                return;
            }
            JsonNode value;
            try {
                value = reader.read(values, deepValues);
            } catch (ParameterReader.BadValue e) {
                errors.add(new Violation(parameter.where(), e.getMessage()));
                return;
            }
            for (Error e : schema.validate(value)) {
                errors.add(violation(parameter.where(), e));
            }
        }
    }
}
