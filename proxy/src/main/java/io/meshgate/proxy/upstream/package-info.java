/** Upstream clusters, endpoints and the policies that pick among them. */
@NullMarked
package io.meshgate.proxy.upstream;

import org.jspecify.annotations.NullMarked;
