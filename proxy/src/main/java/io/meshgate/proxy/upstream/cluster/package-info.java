/** The standard cluster: endpoints, their balancer, health, ejections and circuit breaker, and the registry that keeps clusters across reloads. */
@NullMarked
package io.meshgate.proxy.upstream.cluster;

import org.jspecify.annotations.NullMarked;
