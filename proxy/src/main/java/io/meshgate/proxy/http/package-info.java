/** The protocol-neutral request/response model and the HTTP engine. */
@NullMarked
package io.meshgate.proxy.http;

import org.jspecify.annotations.NullMarked;
