/** Authorization rules on the authenticated request: client networks, JWT claims and scopes, headers, consumers. */
@NullMarked
package io.meshgate.proxy.filter.auth.authz;

import org.jspecify.annotations.NullMarked;
