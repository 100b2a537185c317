package io.meshgate.proxy.runtime;

import io.meshgate.api.ConfigError;
import java.util.List;

/** The config cannot run; {@link #errors()} names the file, resource, field and reason of each problem. */
public final class InvalidConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public InvalidConfigException(List<ConfigError> errors) {
        super(errors.size() + " configuration error(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    /** Every error. */
    public List<ConfigError> errors() {
        return errors;
    }
}
