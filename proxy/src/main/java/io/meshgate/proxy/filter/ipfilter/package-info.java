/** Client IP allow/deny lists (CIDR, IPv4 and IPv6) on the client address the engine determined. */
@NullMarked
package io.meshgate.proxy.filter.ipfilter;

import org.jspecify.annotations.NullMarked;
