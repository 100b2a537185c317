package io.meshgate.cli.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgate.api.security.ApiKeys;
import io.meshgate.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshgate key create|revoke|list CONSUMER}: API keys of a Consumer. A new key is printed
 * once; the YAML keeps only its SHA-256 hash. With {@code -f FILE} the Consumer in that file is
 * updated in place (created when missing); otherwise {@code create} prints the Consumer's YAML.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        subcommands = {KeyCommand.Create.class, KeyCommand.Revoke.class, KeyCommand.ListKeys.class},
        description = "Create, revoke and list the API keys of a Consumer.")
public final class KeyCommand {

    /** Options shared by the key commands. */
    abstract static class KeyOptions {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CONSUMER", description = "The Consumer's name.")
        @SuppressWarnings("NullAway.Init")
        String consumer;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace (default: default).")
        @Nullable String namespace;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** The documents of {@code file}, or an empty list when it does not exist. */
        static List<JsonNode> read(Path file) throws IOException {
            try {
                return new ArrayList<>(ConsumerYaml.parseAll(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                return new ArrayList<>();
            }
        }

        /** Writes the documents back, after checking the Consumer alone; false (with the errors printed) if invalid. */
        boolean write(Path file, List<JsonNode> docs, ObjectNode consumerDoc, String command) throws IOException {
            List<String> problems = ConsumerYaml.problems(consumerDoc, file.toString());
            if (!problems.isEmpty()) {
                problems.forEach(p -> err().println(command + ": " + p));
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, ConsumerYaml.write(docs), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** {@code key create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Generate an API key; print it once, and the Consumer's YAML with only its hash.")
    static final class Create extends KeyOptions implements Callable<Integer> {

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "Update the Consumer in FILE (created when missing) instead of printing its YAML.")
        @Nullable Path file;

        @Override
        public Integer call() throws IOException {
            String key = ApiKeys.generate(new SecureRandom());
            String hash = ApiKeys.hash(key);
            List<JsonNode> docs = file == null ? new ArrayList<>() : read(file);
            ObjectNode doc = ConsumerYaml.find(docs, consumer, namespace);
            if (doc == null) {
                doc = ConsumerYaml.create(consumer, namespace, Map.of());
                docs.add(doc);
            }
            ObjectNode entry = ConsumerYaml.apiKeys(doc).addObject();
            entry.put("id", ApiKeys.id(hash));
            entry.put("hash", hash);
            entry.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            if (file == null) {
                List<String> problems = ConsumerYaml.problems(doc, "consumer " + consumer);
                if (!problems.isEmpty()) {
                    problems.forEach(p -> err().println("key create: " + p));
                    return ExitCodes.INVALID_CONFIG;
                }
                // The key goes to stderr so that "meshgate key create alice > alice.yaml" keeps it out of the file.
                err().println("API key " + ApiKeys.id(hash) + " for " + consumer + " (shown only now): " + key);
                err().flush();
                out().print(ConsumerYaml.write(List.of(doc)));
                out().flush();
                return ExitCodes.OK;
            }
            if (!write(file, docs, doc, "key create")) {
                return ExitCodes.INVALID_CONFIG;
            }
            out().println(key);
            out().flush();
            err().println("API key " + ApiKeys.id(hash) + " added to Consumer " + consumer + " in " + file
                    + "; the key above is shown only now");
            return ExitCodes.OK;
        }
    }

    /** {@code key revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Mark an API key revoked (requests with it get 401 once the config is reloaded).")
    static final class Revoke extends KeyOptions implements Callable<Integer> {

        @Parameters(index = "1", paramLabel = "KEY_ID", description = "The key's id (as key list shows it).")
        @SuppressWarnings("NullAway.Init")
        String keyId;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "The file holding the Consumer.")
        @SuppressWarnings("NullAway.Init")
        Path file;

        @Option(names = "--delete", description = "Remove the key entry instead of marking it revoked.")
        boolean delete;

        @Override
        public Integer call() throws IOException {
            List<JsonNode> docs = read(file);
            ObjectNode doc = ConsumerYaml.find(docs, consumer, namespace);
            if (doc == null) {
                err().println("key revoke: no Consumer " + consumer + " in " + file);
                return ExitCodes.INVALID_CONFIG;
            }
            ArrayNode keys = ConsumerYaml.apiKeys(doc);
            for (int i = 0; i < keys.size(); i++) {
                JsonNode k = keys.get(i);
                String id = k.path("id").asText(ApiKeys.isHash(k.path("hash").asText()) ? ApiKeys.id(k.path("hash").asText()) : "");
                if (id.equals(keyId)) {
                    if (delete) {
                        keys.remove(i);
                    } else {
                        ((ObjectNode) k).put("revoked", true);
                    }
                    if (!write(file, docs, doc, "key revoke")) {
                        return ExitCodes.INVALID_CONFIG;
                    }
                    err().println("API key " + keyId + " of " + consumer + (delete ? " deleted" : " revoked") + " in " + file);
                    return ExitCodes.OK;
                }
            }
            err().println("key revoke: Consumer " + consumer + " has no key " + keyId);
            return ExitCodes.INVALID_CONFIG;
        }
    }

    /** {@code key list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a Consumer's API keys (ids, never keys).")
    static final class ListKeys extends KeyOptions implements Callable<Integer> {

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "The file holding the Consumer.")
        @SuppressWarnings("NullAway.Init")
        Path file;

        @Override
        public Integer call() throws IOException {
            ObjectNode doc = ConsumerYaml.find(read(file), consumer, namespace);
            if (doc == null) {
                err().println("key list: no Consumer " + consumer + " in " + file);
                return ExitCodes.INVALID_CONFIG;
            }
            for (JsonNode k : ConsumerYaml.apiKeys(doc)) {
                String hash = k.path("hash").asText();
                out().println(k.path("id").asText(ApiKeys.isHash(hash) ? ApiKeys.id(hash) : "?") + "  "
                        + k.path("createdAt").asText("-") + "  " + (k.path("revoked").asBoolean(false) ? "revoked" : "active"));
            }
            out().flush();
            return ExitCodes.OK;
        }
    }
}
