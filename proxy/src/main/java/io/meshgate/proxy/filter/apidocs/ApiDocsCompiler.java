package io.meshgate.proxy.filter.apidocs;

import io.meshgate.api.ResourceId;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.apimgmt.ApiDocs;
import io.meshgate.api.apimgmt.OpenApiSource;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.validation.OpenApiTexts;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compiles {@link ApiDocs} policies into {@link ApiDocsFilter}s: one per policy, shared by its
 * route rules. Swagger UI's files are read from the webjar once, when the first ApiDocs appears.
 */
public final class ApiDocsCompiler implements PolicyCompiler<ApiDocs> {

    private final PolicyEnvironment env;
    private final Map<ResourceId, Compiled> compiled = new HashMap<>();
    private @Nullable SwaggerUiAssets assets;

    /** A compiler; relative OpenAPI files of policies not read from a file resolve against {@code env.configDir()}. */
    public ApiDocsCompiler(PolicyEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Class<ApiDocs> policyType() {
        return ApiDocs.class;
    }

    @Override
    public Object inputs(ApiDocs policy, ResourceSet resources) {
        // A changed document must recompile the routes even when no resource changed.
        return OpenApiTexts.inputs(policy.spec().openapi(), OpenApiTexts.baseDir(policy, resources, env.configDir()));
    }

    @Override
    public List<HttpFilter> filters(ApiDocs policy, PolicyContext context) {
        OpenApiSource source = policy.spec().openapi();
        String text = OpenApiTexts.read(source, OpenApiTexts.baseDir(policy, context.resources(), env.configDir()));
        Compiled last = compiled.get(policy.id());
        if (last != null && last.policy().equals(policy) && last.text().equals(text)) {
            return List.of(last.filter());
        }
        OpenApiDocument document;
        try {
            document = OpenApiDocument.parse(text, source.basePath());
        } catch (OpenApiException e) {
            throw OpenApiTexts.configError(source, e);
        }
        if (assets == null) {
            assets = SwaggerUiAssets.load();
        }
        ApiDocsFilter filter = new ApiDocsFilter(new ApiDocsConfig(document, policy.spec().specPathOrDefault(),
                policy.spec().uiPathOrDefault()), assets);
        compiled.put(policy.id(), new Compiled(policy, text, filter));
        return List.of(filter);
    }

    private record Compiled(ApiDocs policy, String text, ApiDocsFilter filter) {
    }
}
