package io.meshgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshgate.demo.BankServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway config {@code meshgate demo} runs: {@code examples/gateway/} itself when the demo runs
 * from a checkout on the default ports (so edits to it apply live), otherwise a copy in a temporary
 * directory with the gateway's and the services' ports replaced.
 */
final class DemoConfig {
    /** The example files, in the repository's {@code examples/gateway/} and bundled in the demo jar. */
    static final List<String> FILES = List.of("gateway.yaml", "routes.yaml", "backends.yaml");
    static final int DEFAULT_GATEWAY_PORT = 8080;
    private static final String BUNDLED = "io/meshgate/demo/examples/gateway/";

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private DemoConfig() {
    }

    /** {@code examples/gateway/} of the checkout the running jar was built in ({@code cli/target/meshgate.jar}). */
    static Optional<Path> checkoutExamples(Path jar) {
        Path target = jar.toAbsolutePath().getParent();
        Path repo = target == null || target.getParent() == null ? null : target.getParent().getParent();
        if (repo == null) {
            return Optional.empty();
        }
        Path examples = repo.resolve("examples").resolve("gateway");
        return FILES.stream().allMatch(f -> Files.isRegularFile(examples.resolve(f))) ? Optional.of(examples)
                : Optional.empty();
    }

    /**
     * Writes the example files ({@code from} a checkout, or the bundled copy when empty) into {@code dir}
     * with the Gateway listeners on {@code gatewayPort} and the Backends and backendRefs of
     * {@code accounts}, {@code activity} and {@code web} on {@code ports}.
     */
    static Path writeWithPorts(Optional<Path> from, Path dir, int gatewayPort, BankServices.Ports ports) {
        Map<String, Integer> servicePorts = Map.of("accounts", ports.accounts(), "activity", ports.activity(),
                "web", ports.web());
        try {
            Files.createDirectories(dir);
            for (String file : FILES) {
                List<String> docs = new ArrayList<>();
                for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(read(from, file)).readAll()) {
                    if (doc instanceof ObjectNode resource) {
                        withPorts(resource, gatewayPort, servicePorts);
                        docs.add(YAML.writeValueAsString(resource));
                    }
                }
                Files.writeString(dir.resolve(file), String.join("---\n", docs), StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Optional<Path> from, String file) throws IOException {
        if (from.isPresent()) {
            return Files.readString(from.get().resolve(file), StandardCharsets.UTF_8);
        }
        try (InputStream in = DemoConfig.class.getClassLoader().getResourceAsStream(BUNDLED + file)) {
            if (in == null) {
                throw new IOException(BUNDLED + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void withPorts(ObjectNode resource, int gatewayPort, Map<String, Integer> servicePorts) {
        String kind = resource.path("kind").asText();
        String name = resource.path("metadata").path("name").asText();
        JsonNode spec = resource.path("spec");
        switch (kind) {
            case "Gateway" -> spec.path("listeners").forEach(l -> ((ObjectNode) l).put("port", gatewayPort));
            case "Backend" -> {
                Integer port = servicePorts.get(name);
                if (port != null) {
                    spec.path("endpoints").forEach(e -> ((ObjectNode) e).put("port", port));
                }
            }
            case "HTTPRoute" -> spec.path("rules").forEach(rule -> rule.path("backendRefs").forEach(ref -> {
                Integer port = servicePorts.get(ref.path("name").asText());
                if (port != null && ref.has("port")) {
                    ((ObjectNode) ref).put("port", port);
                }
            }));
            default -> {
                // Other kinds carry no ports of the demo.
            }
        }
    }
}
