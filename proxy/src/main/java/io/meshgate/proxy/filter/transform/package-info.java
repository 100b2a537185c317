/** Compiles TransformFilter resources (ExtensionRef filters) into body-limit, compression, JSON-shaping and aggregation filters. */
@NullMarked
package io.meshgate.proxy.filter.transform;

import org.jspecify.annotations.NullMarked;
