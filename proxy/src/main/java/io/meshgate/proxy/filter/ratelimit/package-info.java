/** Rate limits: token buckets (GCRA) kept per gateway instance or shared through Redis. */
@NullMarked
package io.meshgate.proxy.filter.ratelimit;

import org.jspecify.annotations.NullMarked;
