/** The {@code meshgate} launcher: picocli commands, their options and exit codes. */
@NullMarked
package io.meshgate.cli;

import org.jspecify.annotations.NullMarked;
