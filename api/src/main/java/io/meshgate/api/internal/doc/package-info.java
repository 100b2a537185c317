/** Build-time extraction of record component Javadoc, read at runtime by {@code Explain}. */
@NullMarked
package io.meshgate.api.internal.doc;

import org.jspecify.annotations.NullMarked;
