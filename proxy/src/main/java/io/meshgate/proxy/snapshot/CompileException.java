package io.meshgate.proxy.snapshot;

import io.meshgate.api.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A resource that cannot be compiled: which resource (when known where it is thrown), the field path
 * within it and the reason. The compiler turns it into a {@code ConfigError} naming the file too.
 */
final class CompileException extends RuntimeException {

    private final @Nullable Resource resource;
    private final String field;

    CompileException(String field, String reason) {
        this(null, field, reason);
    }

    CompileException(@Nullable Resource resource, String field, String reason) {
        super(reason, null, false, false);
        this.resource = resource;
        this.field = field;
    }

    /**
     * A policy compiler's rejection: a message {@code "field.path: reason"} (the field relative to
     * the policy's {@code spec}, as {@link PolicyCompiler#filters} asks) becomes an error on
     * {@code spec.field.path}; any other message is the reason of an error on {@code spec}.
     */
    static CompileException inSpec(Resource policy, @Nullable String message) {
        String m = String.valueOf(message);
        int colon = m.indexOf(": ");
        if (colon > 0 && m.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]-]+")) {
            return new CompileException(policy, "spec." + m.substring(0, colon), m.substring(colon + 2));
        }
        return new CompileException(policy, "spec", m);
    }

    @Nullable Resource resource() {
        return resource;
    }

    String field() {
        return field;
    }
}
