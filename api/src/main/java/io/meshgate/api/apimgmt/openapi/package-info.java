/** A read-only model of an OpenAPI 3.0/3.1 document: its operations, parameters and request bodies. */
@NullMarked
package io.meshgate.api.apimgmt.openapi;

import org.jspecify.annotations.NullMarked;
