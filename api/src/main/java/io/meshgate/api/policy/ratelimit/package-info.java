/** {@code BackendTrafficPolicy.rateLimit}: local and global rate limit rules (Envoy Gateway shape). */
@NullMarked
package io.meshgate.api.policy.ratelimit;

import org.jspecify.annotations.NullMarked;
