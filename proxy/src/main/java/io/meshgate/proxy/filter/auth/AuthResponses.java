package io.meshgate.proxy.filter.auth;

import io.meshgate.proxy.filter.FilterResult;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * The answers authentication filters give when they refuse a request: 401 with a
 * {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1) naming the scheme the client must use,
 * and 403 for an identified caller that may not proceed.
 */
public final class AuthResponses {

    /** The realm sent in challenges. */
    public static final String REALM = "meshgate";

    private AuthResponses() {
    }

    /**
     * A 401 carrying {@code challenge} as its WWW-Authenticate header and {@code reason} in the body.
     *
     * @param challenge e.g. {@code Bearer realm="meshgate", error="invalid_token"}
     */
    public static FilterResult.Respond unauthorized(String challenge, String reason) {
        FilterResult.Respond r = FilterResult.error(401, reason);
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        return r;
    }

    /** A 403 with {@code reason} in the body. */
    public static FilterResult.Respond forbidden(String reason) {
        return FilterResult.error(403, reason);
    }

    /** Quotes {@code value} as an RFC 9110 quoted-string for an auth-param. */
    public static String quoted(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            // Control characters cannot appear in a header field value (RFC 9110 §5.5).
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.append('"').toString();
    }
}
