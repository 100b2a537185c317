/** Passive outlier detection: ejects endpoints that keep failing real traffic. */
@NullMarked
package io.meshgate.proxy.upstream.outlier;

import org.jspecify.annotations.NullMarked;
