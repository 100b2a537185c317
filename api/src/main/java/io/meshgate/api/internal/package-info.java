/** Jackson glue and checks shared by the api records; not for use outside the api module. */
@NullMarked
package io.meshgate.api.internal;

import org.jspecify.annotations.NullMarked;
