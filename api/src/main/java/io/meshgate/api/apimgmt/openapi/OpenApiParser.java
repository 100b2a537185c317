package io.meshgate.api.apimgmt.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Walks an OpenAPI document tree into {@link OpenApiDocument}'s model. */
final class OpenApiParser {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    // Parses JSON too: YAML 1.2 is a superset of JSON.
    private static final ObjectMapper YAML = new YAMLMapper();

    private final JsonNode tree;

    private OpenApiParser(JsonNode tree) {
        this.tree = tree;
    }

    static OpenApiDocument parse(String text, @Nullable String basePath) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new OpenApiException("", "not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (tree == null || !tree.isObject()) {
            throw new OpenApiException("", "not an OpenAPI document (expected: a mapping with an 'openapi' field)");
        }
        if (tree.has("swagger")) {
            throw new OpenApiException("/swagger", "Swagger " + tree.get("swagger").asText()
                    + " is not supported (expected: OpenAPI 3.0 or 3.1; convert it first)");
        }
        String version = tree.path("openapi").asText("");
        if (!version.startsWith("3.0") && !version.startsWith("3.1")) {
            throw new OpenApiException("/openapi", "version '" + version + "' (expected: 3.0.x or 3.1.x)");
        }
        String base = basePath != null ? normalizeBase(basePath) : serverBasePath(tree);
        OpenApiParser p = new OpenApiParser(tree);
        List<ApiOperation> ops = p.operations(base);
        return new OpenApiDocument(version, tree.path("info").path("title").asText(""), base, ops, tree);
    }

    private List<ApiOperation> operations(String base) {
        JsonNode paths = tree.path("paths");
        List<ApiOperation> ops = new ArrayList<>();
        if (paths.isMissingNode()) {
            return ops; // 3.1 allows webhooks-only documents
        }
        if (!paths.isObject()) {
            throw new OpenApiException("/paths", "not a mapping (expected: path templates to path items)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String itemPointer = "/paths/" + escape(e.getKey());
            PathTemplate template;
            try {
                template = PathTemplate.of(e.getKey()).withPrefix(base);
            } catch (IllegalArgumentException ex) {
                throw new OpenApiException(itemPointer, ex.getMessage());
            }
            Resolved item = resolve(e.getValue(), itemPointer);
            Map<String, ApiParameter> common = parameters(item.node().path("parameters"), item.pointer() + "/parameters",
                    new LinkedHashMap<>());
            for (String method : METHODS) {
                JsonNode op = item.node().get(method);
                if (op == null) {
                    continue;
                }
                String opPointer = item.pointer() + "/" + method;
                Map<String, ApiParameter> params = parameters(op.path("parameters"), opPointer + "/parameters",
                        new LinkedHashMap<>(common));
                checkPathParameters(template, params, opPointer);
                JsonNode body = op.get("requestBody");
                ApiRequestBody requestBody = body == null ? null : requestBody(body, opPointer + "/requestBody");
                JsonNode id = op.get("operationId");
                ops.add(new ApiOperation(method.toUpperCase(Locale.ROOT), template, id == null ? null : id.asText(),
                        List.copyOf(params.values()), requestBody, opPointer));
            }
        }
        return ops;
    }

    private Map<String, ApiParameter> parameters(JsonNode list, String pointer, Map<String, ApiParameter> into) {
        if (list.isMissingNode()) {
            return into;
        }
        if (!list.isArray()) {
            throw new OpenApiException(pointer, "not a list (expected: a list of parameters)");
        }
        for (int i = 0; i < list.size(); i++) {
            ApiParameter p = parameter(resolve(list.get(i), pointer + "/" + i));
            into.put(p.location() + ":" + (p.location() == ParameterLocation.HEADER ? p.name().toLowerCase(Locale.ROOT)
                    : p.name()), p);
        }
        return into;
    }

    private ApiParameter parameter(Resolved r) {
        JsonNode n = r.node();
        String name = n.path("name").asText("");
        if (name.isEmpty()) {
            throw new OpenApiException(r.pointer() + "/name", "missing (expected: the parameter name)");
        }
        ParameterLocation in = ParameterLocation.fromWire(n.path("in").asText(""));
        if (in == null) {
            throw new OpenApiException(r.pointer() + "/in", "'" + n.path("in").asText("") + "'"
                    + " (expected: path, query, header or cookie)");
        }
        boolean required = n.path("required").asBoolean(false);
        if (in == ParameterLocation.PATH && !required) {
            throw new OpenApiException(r.pointer() + "/required", "a path parameter must be required (expected: true)");
        }
        String schemaPointer = null;
        boolean json = false;
        if (n.has("schema")) {
            schemaPointer = r.pointer() + "/schema";
        } else if (n.has("content")) {
            Iterator<String> types = n.get("content").fieldNames();
            if (types.hasNext()) {
                String type = types.next();
                json = new ApiMediaType(type, null).isJson();
                if (json && n.get("content").get(type).has("schema")) {
                    schemaPointer = r.pointer() + "/content/" + escape(type) + "/schema";
                }
            }
        }
        String defaultStyle = in == ParameterLocation.QUERY || in == ParameterLocation.COOKIE ? "form" : "simple";
        String style = n.path("style").asText(defaultStyle);
        boolean explode = n.path("explode").asBoolean(style.equals("form"));
        return new ApiParameter(name, in, required, schemaPointer, style, explode, json);
    }

    private static void checkPathParameters(PathTemplate template, Map<String, ApiParameter> params, String pointer) {
        for (String var : template.variables()) {
            if (!params.containsKey(ParameterLocation.PATH + ":" + var)) {
                throw new OpenApiException(pointer + "/parameters", "path variable {" + var + "} of "
                        + template.template() + " is not declared (expected: a parameter with in: path)");
            }
        }
    }

    private ApiRequestBody requestBody(JsonNode body, String pointer) {
        Resolved r = resolve(body, pointer);
        JsonNode content = r.node().path("content");
        if (!content.isObject()) {
            throw new OpenApiException(r.pointer() + "/content", "missing (expected: media types to schemas)");
        }
        List<ApiMediaType> types = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String schemaPointer = e.getValue().has("schema")
                    ? r.pointer() + "/content/" + escape(e.getKey()) + "/schema" : null;
            types.add(new ApiMediaType(e.getKey(), schemaPointer));
        }
        return new ApiRequestBody(r.node().path("required").asBoolean(false), types);
    }

    /** Follows local {@code $ref}s of a path item, parameter or request body. */
    private Resolved resolve(JsonNode node, String pointer) {
        for (int hops = 0; node.isObject() && node.has("$ref"); hops++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new OpenApiException(pointer + "/$ref", "'" + ref + "' points outside the document"
                        + " (expected: a local reference such as #/components/...; bundle the document first)");
            }
            if (hops == 32) {
                throw new OpenApiException(pointer + "/$ref", "reference loop");
            }
            String target = unescapeFragment(ref.substring(1));
            JsonNode next = tree.at(target);
            if (next.isMissingNode()) {
                throw new OpenApiException(pointer + "/$ref", "'" + ref + "' points to nothing");
            }
            node = next;
            pointer = target;
        }
        return new Resolved(node, pointer);
    }

    private static String serverBasePath(JsonNode tree) {
        JsonNode server = tree.path("servers").path(0);
        String url = server.path("url").asText("");
        if (url.isEmpty()) {
            return "";
        }
        // Server variables are substituted with their defaults (OpenAPI 3.x "Server Object").
        for (Iterator<Map.Entry<String, JsonNode>> it = server.path("variables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            url = url.replace("{" + v.getKey() + "}", v.getValue().path("default").asText(""));
        }
        String path;
        try {
            URI uri = new URI(url);
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
        } catch (URISyntaxException e) {
            throw new OpenApiException("/servers/0/url", "'" + url + "' is not a URL: " + e.getReason());
        }
        return normalizeBase(path);
    }

    private static String normalizeBase(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return p;
    }

    /** Escapes a key for a JSON pointer (RFC 6901 section 3). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Percent-decodes the fragment of a {@code $ref} into a JSON pointer (RFC 6901 section 6). */
    static String unescapeFragment(String fragment) {
        if (fragment.indexOf('%') < 0) {
            return fragment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(fragment.length());
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '%' && i + 2 < fragment.length()) {
                int hi = Character.digit(fragment.charAt(i + 1), 16);
                int lo = Character.digit(fragment.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private record Resolved(JsonNode node, String pointer) {
    }
}
