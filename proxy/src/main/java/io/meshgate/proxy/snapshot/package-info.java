/** Immutable proxy snapshots and their atomic swap. */
@NullMarked
package io.meshgate.proxy.snapshot;

import org.jspecify.annotations.NullMarked;
