package io.meshgate.proxy.filter.validation;

import io.meshgate.api.ResourceId;
import io.meshgate.api.ResourceSet;
import io.meshgate.api.apimgmt.OpenApiSource;
import io.meshgate.api.apimgmt.RequestValidation;
import io.meshgate.api.apimgmt.openapi.OpenApiDocument;
import io.meshgate.api.apimgmt.openapi.OpenApiException;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles {@link RequestValidation} policies into {@link RequestValidationFilter}s. One filter per
 * policy is shared by every route rule it applies to, and kept across reloads while the policy and
 * its OpenAPI document stay the same, so a document is compiled once, not once per rule or reload.
 */
public final class RequestValidationCompiler implements PolicyCompiler<RequestValidation> {

    private final PolicyEnvironment env;
    private final Map<ResourceId, Compiled> compiled = new HashMap<>();

    /** A compiler; relative OpenAPI files of policies not read from a file resolve against {@code env.configDir()}. */
    public RequestValidationCompiler(PolicyEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Class<RequestValidation> policyType() {
        return RequestValidation.class;
    }

    @Override
    public Object inputs(RequestValidation policy, ResourceSet resources) {
        // A changed document must recompile the routes even when no resource changed.
        return OpenApiTexts.inputs(policy.spec().openapi(), OpenApiTexts.baseDir(policy, resources, env.configDir()));
    }

    @Override
    public List<HttpFilter> filters(RequestValidation policy, PolicyContext context) {
        return List.of(filter(policy, context));
    }

    private RequestValidationFilter filter(RequestValidation policy, PolicyContext context) {
        OpenApiSource source = policy.spec().openapi();
        String text = OpenApiTexts.read(source, OpenApiTexts.baseDir(policy, context.resources(), env.configDir()));
        Compiled last = compiled.get(policy.id());
        if (last != null && last.policy().equals(policy) && last.text().equals(text)) {
            return last.filter();
        }
        RequestValidationFilter filter;
        try {
            OpenApiDocument document = OpenApiDocument.parse(text, source.basePath());
            filter = new RequestValidationFilter(new RequestValidationConfig(document,
                    policy.spec().unknownOperationOrDefault(), policy.spec().maxBodyBytesOrDefault(),
                    policy.spec().validateFormatsOrDefault()));
        } catch (OpenApiException e) {
            throw OpenApiTexts.configError(source, e);
        }
        compiled.put(policy.id(), new Compiled(policy, text, filter));
        return filter;
    }

    private record Compiled(RequestValidation policy, String text, RequestValidationFilter filter) {
    }
}
