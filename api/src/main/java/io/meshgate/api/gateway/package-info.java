/** Gateway API {@code Gateway}, {@code GatewayClass} and {@code ReferenceGrant} resources. */
@NullMarked
package io.meshgate.api.gateway;

import org.jspecify.annotations.NullMarked;
