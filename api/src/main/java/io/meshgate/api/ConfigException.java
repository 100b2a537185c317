package io.meshgate.api;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link LoadResult#orThrow()} when a set of resources is invalid; the message lists every error. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /** An exception listing {@code errors} (one per line). */
    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors. */
    public List<ConfigError> errors() {
        return errors;
    }
}
