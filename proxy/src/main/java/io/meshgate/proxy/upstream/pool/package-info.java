/** Upstream connection pools, per endpoint and per event loop: HTTP/1.1 keep-alive and multiplexed HTTP/2. */
@NullMarked
package io.meshgate.proxy.upstream.pool;

import org.jspecify.annotations.NullMarked;
