/** Client-certificate (mTLS) identity: the verified peer certificate's subject or SAN mapped to a Consumer. */
@NullMarked
package io.meshgate.proxy.filter.auth.mtls;

import org.jspecify.annotations.NullMarked;
