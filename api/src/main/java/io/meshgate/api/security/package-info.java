/**
 * Security resources: {@code SecurityPolicy} (API keys, JWT, basic auth, client certificates,
 * external authorization, CORS, authorization rules) and {@code Consumer} (an API client and its
 * credentials, stored only as hashes).
 */
@NullMarked
package io.meshgate.api.security;

import org.jspecify.annotations.NullMarked;
