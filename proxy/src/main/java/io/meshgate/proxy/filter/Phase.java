package io.meshgate.proxy.filter;

/**
 * The fixed order of filter phases in a chain. Within a phase, filters keep the order in which
 * the configuration lists them; there are no global integer priorities.
 */
public enum Phase {
    /** Connection-level admission before any credential is looked at: IP allow/deny, CORS preflight. */
    ACCESS,
    /** Who is calling: API keys, JWT, basic auth, client certificates, external authorization. */
    AUTHN,
    /** May the caller do this: claims, scopes, identities. */
    AUTHZ,
    /** Rate limits, after authentication so limits can key on the consumer. */
    RATE_LIMIT,
    /** Request checks that need the request as the backend would see it: size limits, OpenAPI validation. */
    VALIDATION,
    /** Changes to the request and response: header modifiers, rewrites, redirects, mirrors, compression, caching. */
    TRANSFORM
}
