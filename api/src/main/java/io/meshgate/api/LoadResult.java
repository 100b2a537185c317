package io.meshgate.api;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConfigLoader} produced: the resources, the errors that reject them, and warnings.
 *
 * @param resources the resources that parsed (when {@link #errors()} is not empty they must not run)
 * @param errors why the set is rejected; empty when it is valid
 * @param warnings things the user should know that do not reject the set (unsupported kinds ignored,
 *     backendRefs that resolve to nothing, ...), formatted like {@link ConfigError#toString()}
 */
public record LoadResult(ResourceSet resources, List<ConfigError> errors, List<String> warnings) {
    public LoadResult {
        Objects.requireNonNull(resources, "resources");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Whether the set has no errors and may run. */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The resources, or a {@link ConfigException} listing every error. */
    public ResourceSet orThrow() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return resources;
    }
}
