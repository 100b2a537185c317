package io.meshgate.api.apimgmt.openapi;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a request body's {@code content} map.
 *
 * @param range the media type or range as written, e.g. {@code application/json} or {@code application/*}
 * @param schemaPointer JSON pointer of its schema in the document, or null when it has none
 */
public record ApiMediaType(String range, @Nullable String schemaPointer) {
    public ApiMediaType {
        Objects.requireNonNull(range, "range");
    }

    /**
     * Whether a request {@code Content-Type} (parameters allowed, e.g. {@code ; charset=utf-8})
     * falls under this range.
     */
    public boolean matches(String contentType) {
        String essence = essence(contentType);
        String r = essence(range);
        if (r.equals("*/*") || r.equals(essence)) {
            return true;
        }
        if (r.endsWith("/*")) {
            return essence.startsWith(r.substring(0, r.length() - 1));
        }
        return false;
    }

    /** Whether bodies of this type are JSON: {@code application/json} or any {@code +json} suffix. */
    public boolean isJson() {
        String r = essence(range);
        return r.equals("application/json") || r.endsWith("+json");
    }

    /** The type/subtype of a media type, lower-cased, without parameters. */
    public static String essence(String mediaType) {
        int semi = mediaType.indexOf(';');
        String e = semi < 0 ? mediaType : mediaType.substring(0, semi);
        return e.trim().toLowerCase(Locale.ROOT);
    }
}
