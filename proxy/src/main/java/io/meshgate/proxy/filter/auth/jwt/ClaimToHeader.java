package io.meshgate.proxy.filter.auth.jwt;

import java.util.Objects;

/**
 * Copies one claim of a verified token into a request header. Any value the client sent in that
 * header is removed first, so the backend can trust it.
 *
 * @param header the request header name
 * @param claim the claim name; a dotted path ({@code org.team}) reaches into nested objects.
 *              Strings, numbers and booleans are copied; other claim types are skipped
 */
public record ClaimToHeader(String header, String claim) {
    public ClaimToHeader {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(claim, "claim");
    }
}
