/** The OpenAPI request validation filter: parameters, headers and JSON bodies checked against the spec. */
@NullMarked
package io.meshgate.proxy.filter.validation;

import org.jspecify.annotations.NullMarked;
