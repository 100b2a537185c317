/** Request body size limit (413). */
@NullMarked
package io.meshgate.proxy.filter.bodylimit;

import org.jspecify.annotations.NullMarked;
