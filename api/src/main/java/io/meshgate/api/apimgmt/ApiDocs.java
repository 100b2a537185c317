package io.meshgate.api.apimgmt;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.SpecPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code ApiDocs} ({@code meshgate.io/v1alpha1}): serves an OpenAPI document as JSON and a Swagger UI
 * page for it on the HTTPRoutes (or Gateways) it targets. The targeted route's matches must cover
 * {@code specPath} and {@code uiPath}; other requests on the route go on to its backends.
 *
 * @param metadata name and namespace (targets are in the same namespace)
 * @param spec targets and settings, required
 */
public record ApiDocs(ObjectMeta metadata, ApiDocsSpec spec) implements SpecPolicy<ApiDocsSpec> {
    /** The kind as written in YAML. */
    public static final String KIND = "ApiDocs";

    public ApiDocs(@Nullable ObjectMeta metadata, @Nullable ApiDocsSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
