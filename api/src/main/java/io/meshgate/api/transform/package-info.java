/**
 * {@code TransformFilter} ({@code meshgate.io/v1alpha1}): request body limits, response compression,
 * JSON shaping and aggregation, used from HTTPRoute rules as {@code ExtensionRef} filters.
 */
@NullMarked
package io.meshgate.api.transform;

import org.jspecify.annotations.NullMarked;
