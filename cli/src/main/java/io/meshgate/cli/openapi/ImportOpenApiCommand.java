package io.meshgate.cli.openapi;

import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.cli.ExitCodes;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meshgate import-openapi SPEC --backend NAME}: prints (or writes) an HTTPRoute matching
 * every operation of an OpenAPI 3.0/3.1 document and a RequestValidation policy that checks
 * requests against the document. Exit code 0 on success, 1 when the document is unusable, 3 when
 * a file cannot be read or written.
 */
@Command(name = "import-openapi", mixinStandardHelpOptions = true,
        description = "Generate an HTTPRoute (one match per operation) and a RequestValidation policy from an"
                + " OpenAPI 3.0/3.1 document (YAML or JSON).")
public final class ImportOpenApiCommand implements Callable<Integer> {

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The OpenAPI document (YAML or JSON).")
    @SuppressWarnings("NullAway.Init")
    Path specFile;

    @Option(names = "--backend", required = true, paramLabel = "NAME",
            description = "The backend (Backend or Service name) every operation goes to.")
    @SuppressWarnings("NullAway.Init")
    String backend;

    @Option(names = "--port", paramLabel = "PORT", description = "The backend's port, when it needs one.")
    @Nullable Integer port;

    @Option(names = "--gateway", paramLabel = "NAME", defaultValue = "gateway",
            description = "The Gateway the route attaches to (default: ${DEFAULT-VALUE}).")
    String gateway = "gateway";

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the generated resources (default: from the document's title).")
    @Nullable String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace of the resources.")
    @Nullable String namespace;

    @Option(names = "--base-path", paramLabel = "PATH",
            description = "Path prefix of every operation (default: the path of the document's first server URL).")
    @Nullable String basePath;

    @Option(names = "--path-match", paramLabel = "TYPE", defaultValue = "RegularExpression",
            description = "How templated paths such as /accounts/{id} are matched: RegularExpression (exact shape)"
                    + " or PathPrefix (the literal part; validation then rejects what does not fit)."
                    + " Default: ${DEFAULT-VALUE}.")
    String pathMatch = "RegularExpression";

    @Option(names = "--inline", description = "Embed the document in the policy instead of referring to its file.")
    boolean inline;

    @Option(names = "--docs", description = "Also serve the document at /openapi.json and Swagger UI at /docs.")
    boolean docs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write to FILE (the policy then names SPEC relative to FILE's directory); default: stdout,"
                    + " naming SPEC as given.")
    @Nullable Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = Files.readString(specFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("import-openapi: cannot read " + specFile + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        String yaml;
        try {
            OpenApiDocument document = OpenApiDocument.parse(text, basePath);
            String resourceName = name != null ? name
                    : RouteGenerator.dnsLabel(document.title().isEmpty() ? stripExtension(specFile) : document.title());
            yaml = RouteGenerator.generate(document, text, new OpenApiImport(resourceName, namespace, gateway, backend,
                    port, pathMatch, inline ? null : specReference(), docs));
        } catch (OpenApiException e) {
            err.println("import-openapi: " + specFile + " at " + (e.pointer().isEmpty() ? "the document root"
                    : e.pointer()) + ": " + e.reason());
            return ExitCodes.INVALID_CONFIG;
        } catch (IllegalArgumentException e) {
            err.println("import-openapi: " + specFile + ": " + e.getMessage());
            return ExitCodes.INVALID_CONFIG;
        }
        if (out == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("import-openapi: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        return ExitCodes.OK;
    }

    // Policies resolve a relative file against the directory of the config file that holds them.
    private String specReference() {
        if (out == null) {
            return specFile.toString();
        }
        Path outDir = out.toAbsolutePath().getParent();
        return outDir.relativize(specFile.toAbsolutePath()).toString();
    }

    private static String stripExtension(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
