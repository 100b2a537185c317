/**
 * JWT authentication (RFC 7519) with the pitfalls of RFC 8725 closed: the key decides the
 * algorithm, keys come only from the configured JWKS, never from the token.
 */
@NullMarked
package io.meshgate.proxy.filter.auth.jwt;

import org.jspecify.annotations.NullMarked;
