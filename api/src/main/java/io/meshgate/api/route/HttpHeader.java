package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;

/**
 * A header name and value to set or add.
 *
 * @param name the header name, required
 * @param value the value, required (may be empty; no CR, LF or NUL)
 */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        name = Checks.headerName(Checks.requiredText(name, "name"), "name");
        value = Checks.headerValue(Checks.required(value, "value"), "value");
    }
}
