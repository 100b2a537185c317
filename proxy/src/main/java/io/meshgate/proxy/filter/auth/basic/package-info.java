/** HTTP Basic authentication (RFC 7617) against Consumers' bcrypt password hashes. */
@NullMarked
package io.meshgate.proxy.filter.auth.basic;

import org.jspecify.annotations.NullMarked;
