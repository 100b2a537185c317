/** The Gateway API URLRewrite filter (hostname, ReplaceFullPath, ReplacePrefixMatch). */
@NullMarked
package io.meshgate.proxy.filter.rewrite;

import org.jspecify.annotations.NullMarked;
