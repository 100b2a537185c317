/** meshgate's configuration language: resource records, YAML loading and validation. */
@NullMarked
package io.meshgate.api;

import org.jspecify.annotations.NullMarked;
