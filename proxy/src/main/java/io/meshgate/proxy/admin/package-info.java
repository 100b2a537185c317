/** The admin listener: readiness, Prometheus metrics, the running config and cluster state, on an address of its own. */
@NullMarked
package io.meshgate.proxy.admin;

import org.jspecify.annotations.NullMarked;
