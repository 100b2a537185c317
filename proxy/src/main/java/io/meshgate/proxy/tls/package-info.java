/** TLS contexts: server certificates by SNI with ALPN, and upstream client contexts. */
@NullMarked
package io.meshgate.proxy.tls;

import org.jspecify.annotations.NullMarked;
