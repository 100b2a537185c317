/** The response cache filter: a shared HTTP cache (RFC 9111) for GET and HEAD, bounded in bytes. */
@NullMarked
package io.meshgate.proxy.filter.cache;

import org.jspecify.annotations.NullMarked;
