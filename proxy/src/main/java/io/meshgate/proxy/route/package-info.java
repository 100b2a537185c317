/** Compiled routes and route matching. */
@NullMarked
package io.meshgate.proxy.route;

import org.jspecify.annotations.NullMarked;
