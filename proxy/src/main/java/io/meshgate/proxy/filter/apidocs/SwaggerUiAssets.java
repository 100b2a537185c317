package io.meshgate.proxy.filter.apidocs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The static files of Swagger UI, read once from the {@code org.webjars:swagger-ui} jar on the
 * class path and kept in memory, each also gzip-compressed. Immutable; one instance can serve every
 * ApiDocs filter of a gateway (about 2.5 MB).
 */
public final class SwaggerUiAssets {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final String version;
    private final Map<String, Asset> assets;

    private SwaggerUiAssets(String version, Map<String, Asset> assets) {
        this.version = version;
        this.assets = Map.copyOf(assets);
    }

    /**
     * Reads the assets from the class path. Call off the event loops: it reads about 2 MB and
     * compresses it.
     *
     * @throws IllegalStateException when the webjar is not on the class path
     */
    public static SwaggerUiAssets load() {
        ClassLoader cl = SwaggerUiAssets.class.getClassLoader();
        Properties pom = new Properties();
        try (InputStream in = cl.getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            pom.load(in);
            String version = pom.getProperty("version");
            Map<String, Asset> assets = new LinkedHashMap<>();
            for (Map.Entry<String, String> f : FILES.entrySet()) {
                try (InputStream a = cl.getResourceAsStream(WEBJAR + version + "/" + f.getKey())) {
                    if (a == null) {
                        throw new IllegalStateException("swagger-ui " + version + " has no " + f.getKey());
                    }
                    byte[] bytes = a.readAllBytes();
                    assets.put(f.getKey(), new Asset(bytes, gzip(bytes), f.getValue()));
                }
            }
            return new SwaggerUiAssets(version, assets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the swagger-ui webjar", e);
        }
    }

    /** The Swagger UI version, e.g. {@code 5.34.1}. */
    public String version() {
        return version;
    }

    /** The asset named {@code name} (a file name, no directories), or null. */
    @Nullable Asset get(String name) {
        return assets.get(name);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * One file.
     *
     * @param bytes the content
     * @param gzipped the content, gzip-compressed
     * @param contentType its media type
     */
    record Asset(byte[] bytes, byte[] gzipped, String contentType) {
    }
}
