/** The Kubernetes core kinds a Gateway API user already writes: {@code Secret} and {@code Namespace}. */
@NullMarked
package io.meshgate.api.core;

import org.jspecify.annotations.NullMarked;
