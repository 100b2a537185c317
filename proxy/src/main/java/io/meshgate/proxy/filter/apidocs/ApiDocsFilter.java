package io.meshgate.proxy.filter.apidocs;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Serves an API's documentation from the gateway: the OpenAPI document as JSON at {@code specPath},
 * and a Swagger UI page for it at {@code uiPath} (with its assets below {@code uiPath/}). Requests
 * for other paths go on untouched, so the filter can share a route with a backend.
 *
 * <p>Answers by itself: 200 with the document, page or asset (gzip when the client accepts it);
 * 304 for a document whose ETag the client already has; 404 for an unknown asset below
 * {@code uiPath/}; 405 for methods other than GET and HEAD on those paths.
 */
public final class ApiDocsFilter implements HttpFilter {

    private static final String INITIALIZER = "swagger-initializer.js";

    private final ApiDocsConfig config;
    private final SwaggerUiAssets assets;
    private final String assetPrefix;
    private final byte[] spec;
    private final String specEtag;
    private final byte[] indexHtml;
    private final byte[] initializerJs;

    /**
     * Builds the pages for {@code config}.
     *
     * @param assets Swagger UI's files, loaded once and shared
     */
    public ApiDocsFilter(ApiDocsConfig config, SwaggerUiAssets assets) {
        this.config = config;
        this.assets = assets;
        this.assetPrefix = config.uiPath().equals("/") ? "/" : config.uiPath() + "/";
        this.spec = config.document().tree().toString().getBytes(StandardCharsets.UTF_8);
        this.specEtag = etag(spec);
        String title = config.document().title().isEmpty() ? "API" : config.document().title();
        this.indexHtml = indexHtml(title, assetPrefix).getBytes(StandardCharsets.UTF_8);
        this.initializerJs = ("window.onload = function () {\n"
                + "  window.ui = SwaggerUIBundle({\n"
                + "    url: \"" + FilterResult.jsonEscape(config.specPath()) + "\",\n"
                + "    dom_id: '#swagger-ui',\n"
                + "    deepLinking: true,\n"
                + "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
                + "    plugins: [SwaggerUIBundle.plugins.DownloadUrl],\n"
                + "    layout: 'StandaloneLayout'\n"
                + "  });\n"
                + "};\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        String path = exchange.pathOnly();
        boolean isSpec = path.equals(config.specPath());
        boolean isIndex = path.equals(config.uiPath()) || path.equals(assetPrefix) || path.equals(assetPrefix + "index.html");
        boolean isAsset = !isSpec && !isIndex && path.startsWith(assetPrefix);
        if (!isSpec && !isIndex && !isAsset) {
            return FilterResult.next();
        }
        HttpMethod method = exchange.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            FilterResult.Respond r = FilterResult.error(405, "method not allowed (expected: GET or HEAD)");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return r;
        }
        if (isSpec) {
            return spec(exchange);
        }
        if (isIndex) {
            return ok("text/html; charset=utf-8", indexHtml, "no-cache");
        }
        String name = path.substring(assetPrefix.length());
        if (name.equals(INITIALIZER)) {
            return ok("text/javascript; charset=utf-8", initializerJs, "no-cache");
        }
        SwaggerUiAssets.Asset asset = assets.get(name);
        if (asset == null) {
            return FilterResult.error(404, "no such file: " + path);
        }
        // The webjar's files only change with its version, which is part of the ETag.
        boolean gzip = acceptsGzip(exchange.requestHeaders().get(HttpHeaderNames.ACCEPT_ENCODING));
        FilterResult.Respond r = ok(asset.contentType(), gzip ? asset.gzipped() : asset.bytes(), "public, max-age=86400");
        r.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        r.headers().set(HttpHeaderNames.ETAG, "\"swagger-ui-" + assets.version() + (gzip ? "-gz\"" : "\""));
        if (gzip) {
            r.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
        }
        return r;
    }

    private FilterResult spec(Exchange exchange) {
        String inm = exchange.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
        if (inm != null && (inm.trim().equals("*") || inm.contains(specEtag))) {
            HttpHeaders h = new DefaultHttpHeaders().set(HttpHeaderNames.ETAG, specEtag)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            return FilterResult.respond(304, h, new byte[0]);
        }
        FilterResult.Respond r = ok("application/json", spec, "no-cache");
        r.headers().set(HttpHeaderNames.ETAG, specEtag);
        return r;
    }

    private static FilterResult.Respond ok(String contentType, byte[] body, String cacheControl) {
        HttpHeaders h = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl)
                .set("x-content-type-options", "nosniff");
        return FilterResult.respond(200, h, body);
    }

    // Accept-Encoding (RFC 9110 section 12.5.3): gzip or * with a non-zero weight.
    static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] fields = part.trim().split(";");
            String coding = fields[0].trim();
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            boolean zero = false;
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].trim();
                if (f.startsWith("q=")) {
                    zero = f.substring(2).trim().matches("0(\\.0{0,3})?");
                }
            }
            if (!zero) {
                return true;
            }
        }
        return false;
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    private static String indexHtml(String title, String prefix) {
        String t = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        String p = prefix.replace("\"", "%22");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<title>" + t + " - API documentation</title>\n"
                + "<link rel=\"stylesheet\" type=\"text/css\" href=\"" + p + "swagger-ui.css\">\n"
                + "<link rel=\"stylesheet\" type=\"text/css\" href=\"" + p + "index.css\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\"" + p + "favicon-32x32.png\" sizes=\"32x32\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\"" + p + "favicon-16x16.png\" sizes=\"16x16\">\n"
                + "</head>\n<body>\n<div id=\"swagger-ui\"></div>\n"
                + "<script src=\"" + p + "swagger-ui-bundle.js\" charset=\"UTF-8\"></script>\n"
                + "<script src=\"" + p + "swagger-ui-standalone-preset.js\" charset=\"UTF-8\"></script>\n"
                + "<script src=\"" + p + INITIALIZER + "\" charset=\"UTF-8\"></script>\n"
                + "</body>\n</html>\n";
    }
}
