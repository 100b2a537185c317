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

    @Nullable Resource resource() {
        return resource;
    }

    String field() {
        return field;
    }
}
