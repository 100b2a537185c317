/**
 * The sample bank of {@code meshgate demo}: small JSON services on plain JDK HTTP servers that know
 * nothing about meshgate, the way a user's own services would not.
 */
@NullMarked
package io.meshgate.demo;

import org.jspecify.annotations.NullMarked;
