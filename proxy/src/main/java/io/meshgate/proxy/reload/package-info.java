/** Hot reload: watching the config path and swapping in a new snapshot when it changes. */
@NullMarked
package io.meshgate.proxy.reload;

import org.jspecify.annotations.NullMarked;
