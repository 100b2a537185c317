package io.meshgate.api.apimgmt;

import io.meshgate.api.internal.Checks;
import io.meshgate.api.policy.PolicyTargetReference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks shared by the API management specs. */
final class ApiManagementChecks {

    private ApiManagementChecks() {
    }

    /** 1..16 target references, as every policy kind takes. */
    static List<PolicyTargetReference> targetRefs(@Nullable List<PolicyTargetReference> targetRefs) {
        List<PolicyTargetReference> refs = Checks.list(targetRefs, "targetRefs");
        Checks.check(!refs.isEmpty() && refs.size() <= 16, "targetRefs",
                refs.isEmpty() ? "required (expected: 1..16 entries)" : refs.size() + " entries (expected: 1..16)");
        return refs;
    }

    /** An absolute path without query or fragment, or null. */
    static @Nullable String path(@Nullable String path, String field) {
        if (path != null) {
            Checks.check(path.startsWith("/") && path.indexOf('?') < 0 && path.indexOf('#') < 0, field,
                    Checks.quote(path) + " (expected: an absolute path without query)");
        }
        return path;
    }
}
