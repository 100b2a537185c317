package io.meshgate.proxy.filter.auth;

import io.netty.util.AttributeKey;

/**
 * The typed exchange attributes that authentication filters set, for the filters after them
 * (rate limits keyed on the consumer, authorization rules on JWT claims, access logs).
 */
public final class AuthAttributes {

    /** The authenticated caller, set by the first authentication filter that identifies one. */
    public static final AttributeKey<AuthenticatedIdentity> IDENTITY =
            AttributeKey.valueOf("meshgate.auth.identity");

    /** The verified claims of the request's JWT, set by the JWT filter. */
    public static final AttributeKey<VerifiedJwt> JWT = AttributeKey.valueOf("meshgate.auth.jwt");

    private AuthAttributes() {
    }
}
