/** Load balancers: how a cluster chooses one of its available endpoints for a try. */
@NullMarked
package io.meshgate.proxy.upstream.lb;

import org.jspecify.annotations.NullMarked;
