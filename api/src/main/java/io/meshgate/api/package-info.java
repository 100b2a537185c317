/**
 * meshgate's configuration language: resource records, YAML loading and validation.
 *
 * <p>Records are built by Jackson from YAML. An optional field that is absent arrives as {@code null} in the
 * canonical constructor, whose compact form replaces it with the documented default, so accessors never
 * return null unless the component is annotated {@code @Nullable}. A compact constructor that rejects a
 * value throws {@link java.lang.IllegalArgumentException} with a message {@code "<field>: <reason>"};
 * {@link io.meshgate.api.ConfigLoader} turns it into a {@link io.meshgate.api.ConfigError} with the full
 * field path.
 */
@NullMarked
package io.meshgate.api;

import org.jspecify.annotations.NullMarked;
