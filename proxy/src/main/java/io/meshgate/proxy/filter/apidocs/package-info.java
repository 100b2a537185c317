/** The API docs filter: serves an OpenAPI document and a Swagger UI page from the swagger-ui webjar. */
@NullMarked
package io.meshgate.proxy.filter.apidocs;

import org.jspecify.annotations.NullMarked;
