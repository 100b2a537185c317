package io.meshgate.proxy.filter.compress;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Config of {@link CompressionFilter}.
 *
 * @param codings the codings offered, preferred first on a tie (expected: not empty)
 * @param minBytes responses announcing a smaller Content-Length are sent as they are (expected: &gt;= 0)
 * @param contentTypes the media types compressed: {@code type/subtype}, {@code type/*} or a
 *     structured-syntax suffix {@code +json}; case-insensitive
 * @param level the zlib level 1..9
 */
public record CompressionConfig(List<Coding> codings, int minBytes, List<String> contentTypes, int level) {

    public CompressionConfig {
        codings = List.copyOf(codings);
        if (codings.isEmpty()) {
            throw new IllegalArgumentException("codings: [] (expected: at least one)");
        }
        if (minBytes < 0) {
            throw new IllegalArgumentException("minBytes: " + minBytes + " (expected: >= 0)");
        }
        contentTypes = contentTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("level: " + level + " (expected: 1..9)");
        }
    }

    /** Whether a response of {@code contentType} (a Content-Type field value) is compressed. */
    public boolean compresses(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        for (String t : contentTypes) {
            if (t.startsWith("+") ? media.endsWith(t)
                    : t.endsWith("/*") ? media.regionMatches(0, t, 0, slash + 1) && t.length() == slash + 2
                    : media.equals(t)) {
                return true;
            }
        }
        return false;
    }
}
