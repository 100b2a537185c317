/** Aggregation: one route answered by calling several backends in parallel and merging their JSON. */
@NullMarked
package io.meshgate.proxy.filter.aggregate;

import org.jspecify.annotations.NullMarked;
