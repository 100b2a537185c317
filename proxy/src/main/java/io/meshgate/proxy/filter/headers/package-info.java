/** The Gateway API RequestHeaderModifier and ResponseHeaderModifier filters. */
@NullMarked
package io.meshgate.proxy.filter.headers;

import org.jspecify.annotations.NullMarked;
