/** API-key authentication against Consumers' hashed keys. */
@NullMarked
package io.meshgate.proxy.filter.auth.apikey;

import org.jspecify.annotations.NullMarked;
