/** The proxy server: event loops, listener binding and snapshot-driven rebinding. */
@NullMarked
package io.meshgate.proxy.server;

import org.jspecify.annotations.NullMarked;
