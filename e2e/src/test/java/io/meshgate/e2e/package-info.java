/**
 * End-to-end tests: the built launcher ({@code cli/target/meshgate.jar}) runs as real processes and
 * real clients (curl, h2spec, grpc-java) drive it over loopback, asserting only what a user sees.
 */
@NullMarked
package io.meshgate.e2e;

import org.jspecify.annotations.NullMarked;
