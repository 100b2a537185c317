package io.meshgate.api.policy;

/**
 * What a listener does with a request path holding an escaped slash ({@code %2F}) or backslash ({@code %5C});
 * spelled as in Envoy Gateway's {@code ClientTrafficPolicy.spec.path.escapedSlashesAction}. Backends disagree on
 * whether {@code /a%2Fb} means {@code /a/b}; a route matched on one reading and served on the other is a path
 * confusion hole, so the default makes every party see the same path.
 */
public enum EscapedSlashesAction {
    /** Forward the path as received (for backends that need encoded slashes). */
    KeepUnchanged,
    /** Answer 400. */
    RejectRequest,
    /** Answer a 307 redirect to the unescaped path (the default; gRPC requests get 400 since they cannot follow it). */
    UnescapeAndRedirect,
    /** Unescape, then route and forward the unescaped path. */
    UnescapeAndForward
}
