package io.meshgate.api.apimgmt;

import io.meshgate.api.ObjectMeta;
import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.SpecPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A meshgate {@code RequestValidation} ({@code meshgate.io/v1alpha1}): checks the requests of the
 * HTTPRoutes (or Gateways) it targets against an OpenAPI 3.0/3.1 document before they reach a
 * backend. A bad request gets 400 with an RFC 9457 problem report.
 *
 * @param metadata name and namespace (targets are in the same namespace)
 * @param spec targets and settings, required
 */
public record RequestValidation(ObjectMeta metadata, RequestValidationSpec spec)
        implements SpecPolicy<RequestValidationSpec> {
    /** The kind as written in YAML. */
    public static final String KIND = "RequestValidation";

    public RequestValidation(@Nullable ObjectMeta metadata, @Nullable RequestValidationSpec spec) {
        this.metadata = Checks.required(metadata, "metadata");
        this.spec = Checks.required(spec, "spec");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
