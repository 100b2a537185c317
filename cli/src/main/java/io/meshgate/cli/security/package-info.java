/** The {@code consumer} and {@code key} commands: Consumers and their credentials, written as YAML. */
@NullMarked
package io.meshgate.cli.security;

import org.jspecify.annotations.NullMarked;
