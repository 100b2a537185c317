/** {@code meshgate import-openapi}: Gateway API routes and a RequestValidation policy from an OpenAPI document. */
@NullMarked
package io.meshgate.cli.openapi;

import org.jspecify.annotations.NullMarked;
