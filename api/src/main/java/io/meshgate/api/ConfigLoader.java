package io.meshgate.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.internal.ErrorTranslator;
import io.meshgate.api.internal.Json;
import io.meshgate.api.internal.LineIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads resources from YAML or JSON files and validates them. A path is a file or a directory (read
 * recursively: {@code *.yaml}, {@code *.yml}, {@code *.json}, sorted by path, hidden files skipped). A
 * file may hold several YAML documents; empty documents are skipped; a {@code v1 List} document
 * contributes its {@code items}. Nothing is thrown for bad input: every problem becomes a
 * {@link ConfigError} in the {@link LoadResult}.
 *
 * <p>A loader remembers how each file of its last load parsed and re-parses only the files whose
 * content changed, so reloading a large configuration costs in proportion to the change (plus
 * reading the files and the cross-resource checks, which are linear). Keep one loader per watched
 * configuration; it is safe to call from several threads (loads are serialized).
 */
public final class ConfigLoader {

    private final ResourceKinds kinds;
    /** The last load's files by name: a reload re-parses only the files whose content changed. */
    private final Map<String, ParsedFile> cache = new HashMap<>();

    /** A loader for the built-in kinds. */
    public ConfigLoader() {
        this(ResourceKinds.builtin());
    }

    /** A loader for the given kinds. */
    public ConfigLoader(ResourceKinds kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /** Loads and validates a file or a directory. */
    public LoadResult load(Path path) {
        Map<String, String> files = new TreeMap<>();
        List<ConfigError> errors = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile)
                    .filter(p -> isConfigFile(path.relativize(p)))
                    .sorted()
                    .forEach(p -> read(p, files, errors));
            } catch (IOException | java.io.UncheckedIOException e) {
                errors.add(new ConfigError(path.toString(), "", "", "cannot read directory: " + e.getMessage()));
            }
        } else if (Files.isRegularFile(path)) {
            read(path, files, errors);
        } else {
            errors.add(new ConfigError(path.toString(), "", "", "no such file or directory"));
        }
        return load(files, errors);
    }

    /** Loads and validates in-memory documents: file name to content, read in file name order. */
    public LoadResult load(Map<String, String> files) {
        return load(new TreeMap<>(files), new ArrayList<>());
    }

    /** Loads and validates one in-memory document set. */
    public LoadResult load(String fileName, String content) {
        return load(Map.of(fileName, content));
    }

    private synchronized LoadResult load(Map<String, String> files, List<ConfigError> errors) {
        List<String> warnings = new ArrayList<>();
        ResourceSet.Builder builder = ResourceSet.builder();
        Map<String, ParsedFile> parsed = new HashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            ParsedFile pf = cache.get(f.getKey());
            if (pf == null || !pf.content().equals(f.getValue())) {
                List<ConfigError> fileErrors = new ArrayList<>();
                List<String> fileWarnings = new ArrayList<>();
                List<Parsed> resources = parseFile(f.getKey(), f.getValue(), fileErrors, fileWarnings);
                pf = new ParsedFile(f.getValue(), resources, fileErrors, fileWarnings);
            }
            parsed.put(f.getKey(), pf);
            errors.addAll(pf.errors());
            warnings.addAll(pf.warnings());
            for (Parsed p : pf.resources()) {
                Optional<Source> dup = builder.add(p.resource(), p.source(), p.apiVersion());
                dup.ifPresent(first -> errors.add(ConfigError.of(p.source(), p.resource().id(), "metadata.name",
                        "duplicate: " + p.resource().id() + " is already defined in " + first.file()
                        + " (document " + (first.document() + 1) + ")")));
            }
        }
        cache.clear();
        cache.putAll(parsed);
        ResourceSet set = builder.build();
        Validator.Result v = new Validator(set).validate();
        errors.addAll(v.errors());
        v.warnings().forEach(w -> warnings.add(w.toString()));
        return new LoadResult(set, withFieldLines(errors, files), warnings);
    }

    private record Parsed(Resource resource, Source source, String apiVersion) {}

    /** One file's parse, reused while the file's content stays the same. */
    private record ParsedFile(String content, List<Parsed> resources, List<ConfigError> errors, List<String> warnings) {
        ParsedFile {
            resources = List.copyOf(resources);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private List<Parsed> parseFile(String file, String content, List<ConfigError> errors, List<String> warnings) {
        List<Parsed> out = new ArrayList<>();
        try (JsonParser p = Json.yaml().getFactory().createParser(content)) {
            int doc = 0;
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = p.currentToken() == JsonToken.VALUE_NULL ? null : Json.yaml().readTree(p);
                Source source = new Source(file, doc++, Math.max(line, 0));
                if (node == null || node.isNull() || node.isMissingNode()
                    || (node.isTextual() && node.asText().isBlank())) {
                    continue; // an empty document
                }
                parseDocument(node, source, out, errors, warnings);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // SnakeYAML's own marks point at the problem; Jackson's location may point at its context.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column").matcher(e.getOriginalMessage());
            while (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
            errors.add(new ConfigError(file, "", "", "line " + line + ": invalid YAML: " + syntaxProblem(e), line));
        } catch (IOException e) {
            errors.add(new ConfigError(file, "", "", "cannot read: " + e.getMessage()));
        }
        return out;
    }

    private void parseDocument(JsonNode node, Source source, List<Parsed> out, List<ConfigError> errors,
                               List<String> warnings) {
        String where = "document " + (source.document() + 1);
        if (!node.isObject()) {
            errors.add(new ConfigError(source.file(), "", "", where
                    + ": expected a resource (an object with apiVersion, kind and metadata)", source.line()));
            return;
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kindName = node.path("kind").asText("");
        if (kindName.isEmpty() && (node.has("openapi") || node.has("swagger"))) {
            return; // an OpenAPI document kept beside the config, read by the policies that name it
        }
        if ("v1".equals(apiVersion) && "List".equals(kindName) && node.path("items").isArray()) {
            for (JsonNode item : node.get("items")) {
                parseDocument(item, source, out, errors, warnings);
            }
            return;
        }
        int slash = apiVersion.lastIndexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        ResourceKind kind = kinds.find(group, kindName);
        String namespace = node.path("metadata").path("namespace").asText("");
        if (namespace.isEmpty()) {
            namespace = kind != null && kind.clusterScoped() ? "" : ObjectMeta.DEFAULT_NAMESPACE;
        }
        String name = node.path("metadata").path("name").asText("");
        ResourceId id = new ResourceId(kindName.isEmpty() ? "<no kind>" : kindName, namespace,
                name.isEmpty() ? "<no name>" : name);
        if (apiVersion.isEmpty() || kindName.isEmpty()) {
            errors.add(ConfigError.of(source, id, apiVersion.isEmpty() ? "apiVersion" : "kind", "required"));
            return;
        }
        if (kind == null) {
            errors.add(kinds.hasGroup(group)
                    ? ConfigError.of(source, id, "kind", Checks.quote(kindName) + " (expected one of: "
                                                         + String.join(", ", kinds.kindsOf(group)) + ")")
                    : ConfigError.of(source, id, "apiVersion", Checks.quote(apiVersion) + " (expected one of: "
                                                               + String.join(", ", kinds.apiVersions()) + ")"));
            return;
        }
        if (!kind.versions().contains(version)) {
            List<String> accepted = kind.versions().stream().map(kind::apiVersion).toList();
            errors.add(ConfigError.of(source, id, "apiVersion", Checks.quote(apiVersion) + " (expected one of: "
                                                                + String.join(", ", accepted) + ")"));
            return;
        }
        if (kind.loadWarning() != null) {
            warnings.add(ConfigError.of(source, id, "", kind.loadWarning()).toString());
        }
        if (kind.type() == null) {
            return;
        }
        ObjectNode body = ((ObjectNode) node).deepCopy();
        body.remove(List.of("apiVersion", "kind", "status"));
        if (body.get("metadata") instanceof ObjectNode meta) {
            if (kind.clusterScoped()) {
                meta.put("namespace", "");
            } else if (meta.path("namespace").asText("x").isEmpty() || meta.path("namespace").isNull()) {
                meta.remove("namespace");
            }
        }
        try {
            Resource r = Json.json().treeToValue(body, kind.type());
            out.add(new Parsed(r, source, apiVersion));
        } catch (JsonMappingException e) {
            ErrorTranslator.FieldError fe = ErrorTranslator.translate(e, body, kind.type());
            errors.add(ConfigError.of(source, id, fe.path(), fe.reason()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(ConfigError.of(source, id, "", String.valueOf(e.getMessage())));
        }
    }

    /** Errors with the line of their field, where the file is at hand (only files with errors are indexed). */
    private static List<ConfigError> withFieldLines(List<ConfigError> errors, Map<String, String> files) {
        Map<String, LineIndex> indexes = new HashMap<>();
        List<ConfigError> out = new ArrayList<>(errors.size());
        for (ConfigError e : errors) {
            String content = files.get(e.file());
            if (content == null || e.resource().isEmpty() || e.line() <= 0) {
                out.add(e);
                continue;
            }
            int line = indexes.computeIfAbsent(e.file(), f -> LineIndex.of(content)).line(e.line(), e.fieldPath());
            out.add(new ConfigError(e.file(), e.resource(), e.fieldPath(), e.reason(), line));
        }
        return out;
    }

    /** SnakeYAML's message without its source excerpts: "while parsing a flow node: expected ...". */
    private static String syntaxProblem(JsonProcessingException e) {
        return String.join(": ", e.getOriginalMessage().lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .toList());
    }

    private static boolean isConfigFile(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static void read(Path p, Map<String, String> files, List<ConfigError> errors) {
        try {
            files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            errors.add(new ConfigError(p.toString(), "", "", "cannot read: " + e));
        }
    }
}
