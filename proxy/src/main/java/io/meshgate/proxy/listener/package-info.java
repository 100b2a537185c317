/** Downstream connections: pipeline construction, protocol detection, limits and timeouts. */
@NullMarked
package io.meshgate.proxy.listener;

import org.jspecify.annotations.NullMarked;
