/** JSON response shaping: keep, remove and rename fields. */
@NullMarked
package io.meshgate.proxy.filter.jsonshape;

import org.jspecify.annotations.NullMarked;
