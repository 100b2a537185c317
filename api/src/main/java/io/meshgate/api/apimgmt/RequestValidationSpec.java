package io.meshgate.api.apimgmt;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.PolicySpec;
import io.meshgate.api.policy.PolicyTargetReference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A RequestValidation's {@code spec}.
 *
 * @param targetRefs the HTTPRoutes (optionally one rule via sectionName) or Gateways it applies to, 1..16
 * @param openapi the OpenAPI document, required
 * @param unknownOperation what to do with a request that no operation of the document describes;
 *     default {@link UnknownOperation#Reject} (404, or 405 when only the method is unknown)
 * @param maxBodyBytes the largest request body accepted for validation, in bytes; larger bodies
 *     get 413; default 1048576 (1 MiB)
 * @param validateFormats whether {@code format} keywords ({@code date-time}, {@code uuid},
 *     {@code email}, ...) are checked; default true
 */
public record RequestValidationSpec(List<PolicyTargetReference> targetRefs, OpenApiSource openapi,
                                    @Nullable UnknownOperation unknownOperation, @Nullable Integer maxBodyBytes,
                                    @Nullable Boolean validateFormats) implements PolicySpec {

    /** Default {@link #maxBodyBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public RequestValidationSpec {
        targetRefs = ApiManagementChecks.targetRefs(targetRefs);
        openapi = Checks.required(openapi, "openapi");
        if (maxBodyBytes != null) {
            Checks.atLeast(maxBodyBytes, 1, "maxBodyBytes");
        }
    }

    /** {@link #unknownOperation()} with its default. */
    public UnknownOperation unknownOperationOrDefault() {
        return unknownOperation == null ? UnknownOperation.Reject : unknownOperation;
    }

    /** {@link #maxBodyBytes()} with its default. */
    public int maxBodyBytesOrDefault() {
        return maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    }

    /** {@link #validateFormats()} with its default. */
    public boolean validateFormatsOrDefault() {
        return validateFormats == null || validateFormats;
    }

    /** What to do with requests the document does not describe. */
    public enum UnknownOperation {
        /** Answer 404 (unknown path) or 405 (known path, unknown method) with a problem report. */
        Reject,
        /** Let them through to the backend unchecked. */
        PassThrough
    }
}
