/** The Gateway API RequestRedirect filter: answers with a Location built from the request. */
@NullMarked
package io.meshgate.proxy.filter.redirect;

import org.jspecify.annotations.NullMarked;
