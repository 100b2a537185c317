package io.meshgate.cli.openapi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code import-openapi} generates, besides the document itself.
 *
 * @param name the name of the generated HTTPRoute and policies (a DNS label)
 * @param namespace the namespace to write, or null to leave it out (resources then load into {@code default})
 * @param gateway the Gateway the route attaches to
 * @param backend the name of the backend every operation goes to
 * @param backendPort the backend's port, or null to leave it out
 * @param pathMatch how templated paths are matched: {@code RegularExpression} or {@code PathPrefix}
 * @param specFile the document's path as the policy should name it, or null to embed the document inline
 * @param docs whether to add an ApiDocs policy and a rule serving {@code /openapi.json} and {@code /docs}
 */
public record OpenApiImport(String name, @Nullable String namespace, String gateway, String backend,
                            @Nullable Integer backendPort, String pathMatch, @Nullable String specFile, boolean docs) {
    public OpenApiImport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(backend, "backend");
        if (!pathMatch.equals("RegularExpression") && !pathMatch.equals("PathPrefix")) {
            throw new IllegalArgumentException("--path-match: " + pathMatch
                    + " (expected: RegularExpression or PathPrefix)");
        }
    }
}
