/** A running gateway: config loading, snapshot compilation, the proxy server, the admin listener and hot reload wired together. */
@NullMarked
package io.meshgate.proxy.runtime;

import org.jspecify.annotations.NullMarked;
