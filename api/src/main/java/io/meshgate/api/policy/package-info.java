/**
 * meshgate's own kinds ({@code meshgate.io/v1alpha1}): static {@code Backend}s and the policies attached
 * to Gateways and HTTPRoutes by {@code targetRefs}, shaped like Envoy Gateway's.
 */
@NullMarked
package io.meshgate.api.policy;

import org.jspecify.annotations.NullMarked;
