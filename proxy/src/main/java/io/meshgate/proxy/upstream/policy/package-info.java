/** Translation of BackendTrafficPolicy resources into cluster configs, retry policies and timeouts. */
@NullMarked
package io.meshgate.proxy.upstream.policy;

import org.jspecify.annotations.NullMarked;
