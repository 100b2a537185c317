package io.meshgate.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.meshgate.api.ConfigError;
import io.meshgate.api.ConfigLoader;
import io.meshgate.api.LoadResult;
import io.meshgate.api.ResourceKinds;
import io.meshgate.api.security.Consumer;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Consumer documents as YAML trees: made new, found in a (multi-document) file, changed and written
 * back. Other documents of the file are kept as they are (though YAML comments are not).
 */
final class ConsumerYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private ConsumerYaml() {
    }

    /** A new Consumer document with no credentials. */
    static ObjectNode create(String name, @Nullable String namespace, Map<String, String> labels) {
        ObjectNode doc = YAML.createObjectNode();
        doc.put("apiVersion", ResourceKinds.MESHGATE_GROUP + "/v1alpha1");
        doc.put("kind", Consumer.KIND);
        ObjectNode meta = doc.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        if (!labels.isEmpty()) {
            ObjectNode l = meta.putObject("labels");
            labels.forEach(l::put);
        }
        doc.putObject("spec").putObject("credentials");
        return doc;
    }

    /** The documents of a YAML text, in order. */
    static List<JsonNode> parseAll(String text) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    /** The Consumer {@code name} (in {@code namespace}, default {@code default}) among {@code docs}, or null. */
    static @Nullable ObjectNode find(List<JsonNode> docs, String name, @Nullable String namespace) {
        String ns = namespace == null ? "default" : namespace;
        for (JsonNode d : docs) {
            if (d instanceof ObjectNode o && Consumer.KIND.equals(o.path("kind").asText())
                    && name.equals(o.path("metadata").path("name").asText())
                    && ns.equals(o.path("metadata").path("namespace").asText("default"))) {
                return o;
            }
        }
        return null;
    }

    /** {@code spec.credentials} of a Consumer document, created when missing. */
    static ObjectNode credentials(ObjectNode consumer) {
        ObjectNode spec = consumer.has("spec") && consumer.get("spec").isObject() ? (ObjectNode) consumer.get("spec")
                : consumer.putObject("spec");
        return spec.has("credentials") && spec.get("credentials").isObject() ? (ObjectNode) spec.get("credentials")
                : spec.putObject("credentials");
    }

    /** {@code spec.credentials.apiKeys}, created when missing. */
    static ArrayNode apiKeys(ObjectNode consumer) {
        ObjectNode creds = credentials(consumer);
        return creds.has("apiKeys") && creds.get("apiKeys").isArray() ? (ArrayNode) creds.get("apiKeys")
                : creds.putArray("apiKeys");
    }

    /** The documents as one multi-document YAML text. */
    static String write(List<JsonNode> docs) throws IOException {
        StringWriter out = new StringWriter();
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                out.write("---\n");
            }
            out.write(YAML.writeValueAsString(docs.get(i)));
        }
        return out.toString();
    }

    /**
     * The problems of a Consumer document checked on its own, as {@code meshgate validate} would
     * report them; empty when it is valid.
     */
    static List<String> problems(JsonNode consumer, String file) throws IOException {
        LoadResult r = new ConfigLoader().load(file, write(List.of(consumer)));
        return r.errors().stream().map(ConfigError::toString).toList();
    }
}
