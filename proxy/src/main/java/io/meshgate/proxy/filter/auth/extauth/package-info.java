/** External authorization: an HTTP service decides each request. */
@NullMarked
package io.meshgate.proxy.filter.auth.extauth;

import org.jspecify.annotations.NullMarked;
