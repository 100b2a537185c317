package io.meshgate.api.route;

/** The HTTPRoute filter types; spelled as in YAML. */
public enum HttpRouteFilterType {
    /** Changes request headers. */
    RequestHeaderModifier,
    /** Changes response headers. */
    ResponseHeaderModifier,
    /** Answers with a redirect. */
    RequestRedirect,
    /** Rewrites host and path before forwarding. */
    URLRewrite,
    /** Copies requests to another backend. */
    RequestMirror,
    /** A filter defined by another resource (meshgate: reserved for meshgate filter kinds). */
    ExtensionRef
}
