package io.meshgate.api.transform;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code compression}: compress responses on the fly, in the coding the client prefers among
 * {@code types} by its {@code Accept-Encoding} (q-values honoured). Skipped for HEAD, 204, 304,
 * responses that already have a {@code Content-Encoding}, bodies announced smaller than
 * {@code minBytes}, and content types not listed. Sets {@code Vary: Accept-Encoding}.
 *
 * @param types the codings offered, in order of preference on a tie, default {@code [Gzip, Deflate]}
 *     (Brotli is not offered: there is no maintained pure-Java Brotli encoder)
 * @param minBytes responses with a Content-Length below this stay uncompressed, default 1024
 * @param contentTypes the media types compressed; {@code text/*} covers a whole type, and a
 *     structured suffix such as {@code +json} covers {@code application/problem+json}; default
 *     text/*, application/json, application/javascript, application/xml, image/svg+xml, +json, +xml
 * @param level the zlib level, 1 (fastest) to 9 (smallest), default 6
 */
public record Compression(List<CompressionType> types, Integer minBytes, List<String> contentTypes, Integer level) {

    /** The default {@link #contentTypes()}. */
    public static final List<String> DEFAULT_CONTENT_TYPES = List.of("text/*", "application/json",
            "application/javascript", "application/xml", "image/svg+xml", "+json", "+xml");

    public Compression(@Nullable List<CompressionType> types, @Nullable Integer minBytes,
                       @Nullable List<String> contentTypes, @Nullable Integer level) {
        List<CompressionType> t = Checks.list(types, "types");
        this.types = t.isEmpty() ? List.of(CompressionType.Gzip, CompressionType.Deflate) : t;
        Checks.check(this.types.stream().distinct().count() == this.types.size(), "types",
                this.types + " (expected: each type once)");
        this.minBytes = Checks.atLeast(Checks.orDefault(minBytes, 1024), 0, "minBytes");
        List<String> c = Checks.list(contentTypes, "contentTypes");
        for (int i = 0; i < c.size(); i++) {
            String v = c.get(i);
            Checks.check(v.startsWith("+") ? v.length() > 1 : v.indexOf('/') > 0 && !v.endsWith("/"),
                    "contentTypes[" + i + "]", "\"" + v + "\" (expected: type/subtype, type/* or +suffix)");
        }
        this.contentTypes = c.isEmpty() ? DEFAULT_CONTENT_TYPES : c;
        this.level = Checks.range(Checks.orDefault(level, 6), 1, 9, "level");
    }
}
