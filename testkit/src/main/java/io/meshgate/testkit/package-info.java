/** Test helpers shared by all modules: fake upstreams, certificates, clients. */
@NullMarked
package io.meshgate.testkit;

import org.jspecify.annotations.NullMarked;
