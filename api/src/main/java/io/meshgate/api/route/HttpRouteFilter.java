package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One HTTPRoute filter: a {@code type} and the one field that configures that type (all others absent).
 *
 * @param type the filter type, required
 * @param requestHeaderModifier config of RequestHeaderModifier
 * @param responseHeaderModifier config of ResponseHeaderModifier
 * @param requestRedirect config of RequestRedirect
 * @param urlRewrite config of URLRewrite
 * @param requestMirror config of RequestMirror
 * @param extensionRef config of ExtensionRef
 */
public record HttpRouteFilter(HttpRouteFilterType type, @Nullable HttpHeaderModifier requestHeaderModifier,
                              @Nullable HttpHeaderModifier responseHeaderModifier,
                              @Nullable HttpRequestRedirect requestRedirect, @Nullable HttpUrlRewrite urlRewrite,
                              @Nullable HttpRequestMirror requestMirror,
                              @Nullable LocalObjectReference extensionRef) {
    public HttpRouteFilter {
        type = Checks.required(type, "type");
        field(type, HttpRouteFilterType.RequestHeaderModifier, requestHeaderModifier, "requestHeaderModifier");
        field(type, HttpRouteFilterType.ResponseHeaderModifier, responseHeaderModifier, "responseHeaderModifier");
        field(type, HttpRouteFilterType.RequestRedirect, requestRedirect, "requestRedirect");
        field(type, HttpRouteFilterType.URLRewrite, urlRewrite, "urlRewrite");
        field(type, HttpRouteFilterType.RequestMirror, requestMirror, "requestMirror");
        field(type, HttpRouteFilterType.ExtensionRef, extensionRef, "extensionRef");
    }

    private static void field(HttpRouteFilterType type, HttpRouteFilterType owner, @Nullable Object value,
                              String name) {
        if (type == owner) {
            Checks.check(value != null, name, "required when type is " + type);
        } else {
            Checks.check(value == null, name, "must be absent when type is " + type);
        }
    }

    /** The path modifier of a URLRewrite or RequestRedirect, or null. */
    @Nullable HttpPathModifier pathModifier() {
        if (urlRewrite != null) {
            return urlRewrite.path();
        }
        return requestRedirect != null ? requestRedirect.path() : null;
    }
}
