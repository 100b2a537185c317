/** Gateway API {@code HTTPRoute} and its matches, filters and backend references. */
@NullMarked
package io.meshgate.api.route;

import org.jspecify.annotations.NullMarked;
