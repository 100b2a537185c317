/** Active health checks: periodic probes of each endpoint on a Netty event loop. */
@NullMarked
package io.meshgate.proxy.upstream.health;

import org.jspecify.annotations.NullMarked;
