package io.meshgate.proxy.snapshot;

import io.meshgate.api.route.HttpHeader;
import io.meshgate.api.route.HttpHeaderModifier;
import io.meshgate.api.route.HttpPathModifier;
import io.meshgate.api.route.HttpRequestRedirect;
import io.meshgate.api.route.HttpRouteFilter;
import io.meshgate.api.route.HttpRouteFilterType;
import io.meshgate.api.route.HttpUrlRewrite;
import io.meshgate.api.route.LocalObjectReference;
import io.meshgate.api.route.PathModifierType;
import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.filter.headers.HeaderModifierConfig;
import io.meshgate.proxy.filter.headers.RequestHeaderModifierFilter;
import io.meshgate.proxy.filter.headers.ResponseHeaderModifierFilter;
import io.meshgate.proxy.filter.redirect.RequestRedirectConfig;
import io.meshgate.proxy.filter.redirect.RequestRedirectFilter;
import io.meshgate.proxy.filter.rewrite.PathModifier;
import io.meshgate.proxy.filter.rewrite.UrlRewriteConfig;
import io.meshgate.proxy.filter.rewrite.UrlRewriteFilter;
import io.meshgate.proxy.http.Exchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The HTTPRoute filters of a rule (or of a backendRef) as {@link HttpFilter}s, in config order.
 * RequestMirror is not a filter here: it becomes {@code Route.mirrors()}. An ExtensionRef becomes
 * the filters its kind's {@link ExtensionFilterCompiler} builds.
 */
final class RuleFilters {

    private RuleFilters() {
    }

    /**
     * Builds the filters.
     *
     * @param filters the filters as configured
     * @param field the field path of the list, for errors ({@code spec.rules[0].filters})
     * @param matchedPrefix the PathPrefix value of the match the route serves, or null when it is not a
     *     PathPrefix match (ReplacePrefixMatch needs one; the validator ensures it)
     * @param listenerPort the port of the listener, for the redirect's default port
     * @param extensions the filters of an ExtensionRef, or null when no compiler handles its kind
     * @throws CompileException naming the filter's field when a filter cannot be built
     */
    static List<HttpFilter> of(List<HttpRouteFilter> filters, String field, @Nullable String matchedPrefix,
                               int listenerPort,
                               Function<LocalObjectReference, @Nullable List<HttpFilter>> extensions) {
        List<HttpFilter> out = new ArrayList<>(filters.size());
        for (int i = 0; i < filters.size(); i++) {
            HttpRouteFilter f = filters.get(i);
            String at = field + "[" + i + "]";
            try {
                List<HttpFilter> extension = f.type() == HttpRouteFilterType.ExtensionRef
                        ? extensions.apply(f.extensionRef()) : null;
                HttpFilter built = extension != null ? null : build(f, at, matchedPrefix, listenerPort);
                if (extension != null) {
                    out.addAll(extension);
                } else if (built != null) {
                    out.add(built);
                }
            } catch (IllegalArgumentException e) {
                throw new CompileException(at + "." + fieldOf(f), e.getMessage());
            }
        }
        return out;
    }

    private static @Nullable HttpFilter build(HttpRouteFilter f, String at, @Nullable String matchedPrefix,
                                              int listenerPort) {
        return switch (f.type()) {
            case RequestHeaderModifier -> new RequestHeaderModifierFilter(headers(f.requestHeaderModifier()));
            case ResponseHeaderModifier -> new ResponseHeaderModifierFilter(headers(f.responseHeaderModifier()));
            case URLRewrite -> {
                HttpUrlRewrite r = f.urlRewrite();
                yield new UrlRewriteFilter(new UrlRewriteConfig(r.hostname(), path(r.path(), matchedPrefix)));
            }
            case RequestRedirect -> {
                HttpRequestRedirect r = f.requestRedirect();
                yield new RequestRedirectFilter(new RequestRedirectConfig(r.scheme(), r.hostname(), r.port(),
                        path(r.path(), matchedPrefix), r.statusCode(), listenerPort));
            }
            case RequestMirror -> null;
            // The spec: a filter that cannot be resolved must not be skipped; its requests get an error.
            case ExtensionRef -> new UnsupportedExtensionFilter(f.extensionRef().group() + "/"
                    + f.extensionRef().kind() + " " + f.extensionRef().name());
        };
    }

    private static String fieldOf(HttpRouteFilter f) {
        return switch (f.type()) {
            case RequestHeaderModifier -> "requestHeaderModifier";
            case ResponseHeaderModifier -> "responseHeaderModifier";
            case URLRewrite -> "urlRewrite";
            case RequestRedirect -> "requestRedirect";
            case RequestMirror -> "requestMirror";
            case ExtensionRef -> "extensionRef";
        };
    }

    private static HeaderModifierConfig headers(HttpHeaderModifier m) {
        return new HeaderModifierConfig(toMap(m.set()), toMap(m.add()), m.remove());
    }

    private static Map<String, String> toMap(List<HttpHeader> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpHeader h : headers) {
            out.put(h.name(), h.value());
        }
        return out;
    }

    private static @Nullable PathModifier path(@Nullable HttpPathModifier p, @Nullable String matchedPrefix) {
        if (p == null) {
            return null;
        }
        if (p.type() == PathModifierType.ReplaceFullPath) {
            return new PathModifier.ReplaceFullPath(p.replaceFullPath());
        }
        if (matchedPrefix == null) {
            throw new IllegalArgumentException("path.replacePrefixMatch: needs a PathPrefix match (expected: the rule's"
                    + " one match is of type PathPrefix)");
        }
        return new PathModifier.ReplacePrefixMatch(matchedPrefix, p.replacePrefixMatch());
    }

    /** An ExtensionRef meshgate cannot run: answers 500 rather than skip the filter, as the spec requires. */
    private static final class UnsupportedExtensionFilter implements HttpFilter {
        private final String ref;

        UnsupportedExtensionFilter(String ref) {
            this.ref = ref;
        }

        @Override
        public Phase phase() {
            return Phase.TRANSFORM;
        }

        @Override
        public FilterResult onRequest(Exchange exchange) {
            return FilterResult.error(500, "filter " + ref + " is not supported by this gateway");
        }
    }
}
