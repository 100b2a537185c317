/** Resources of API management: OpenAPI request validation, API documentation, response caching. */
@NullMarked
package io.meshgate.api.apimgmt;

import org.jspecify.annotations.NullMarked;
