package io.meshgate.api.apimgmt;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.PolicySpec;
import io.meshgate.api.policy.PolicyTargetReference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ApiDocs' {@code spec}.
 *
 * @param targetRefs the HTTPRoutes (optionally one rule via sectionName) or Gateways it applies to, 1..16
 * @param openapi the OpenAPI document to serve, required
 * @param specPath where the document is served as JSON; default {@code /openapi.json}
 * @param uiPath where the Swagger UI page is served (its assets live below it); default {@code /docs}
 */
public record ApiDocsSpec(List<PolicyTargetReference> targetRefs, OpenApiSource openapi, @Nullable String specPath,
                          @Nullable String uiPath) implements PolicySpec {

    public ApiDocsSpec {
        targetRefs = ApiManagementChecks.targetRefs(targetRefs);
        openapi = Checks.required(openapi, "openapi");
        ApiManagementChecks.path(specPath, "specPath");
        ApiManagementChecks.path(uiPath, "uiPath");
        Checks.check(specPath == null || !specPath.equals(uiPath), "uiPath",
                Checks.quote(String.valueOf(uiPath)) + " (expected: different from specPath)");
    }

    /** {@link #specPath()} with its default. */
    public String specPathOrDefault() {
        return specPath == null ? "/openapi.json" : specPath;
    }

    /** {@link #uiPath()} with its default, without a trailing slash. */
    public String uiPathOrDefault() {
        String p = uiPath == null ? "/docs" : uiPath;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
