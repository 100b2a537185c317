/** Response compression (gzip, deflate) negotiated by Accept-Encoding, streamed. */
@NullMarked
package io.meshgate.proxy.filter.compress;

import org.jspecify.annotations.NullMarked;
