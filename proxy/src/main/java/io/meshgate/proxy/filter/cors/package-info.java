/** Cross-origin resource sharing per the Fetch standard: preflights answered at the gateway. */
@NullMarked
package io.meshgate.proxy.filter.cors;

import org.jspecify.annotations.NullMarked;
