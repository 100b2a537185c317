/**
 * Authentication filters (API keys, JWT, basic auth, client certificates, external authorization,
 * authorization rules) and what they share: the authenticated identity of a request.
 */
@NullMarked
package io.meshgate.proxy.filter.auth;

import org.jspecify.annotations.NullMarked;
