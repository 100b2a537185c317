package io.meshgate.proxy.filter.headers;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * A {@link HeaderModifierConfig} compiled for the request path: header names as {@link AsciiString}s
 * made once (their hash cached) and plain arrays, so applying it allocates nothing but the entries.
 */
final class HeaderActions {

    private final AsciiString[] setNames;
    private final String[] setValues;
    private final AsciiString[] addNames;
    private final String[] addValues;
    private final AsciiString[] remove;

    HeaderActions(HeaderModifierConfig config) {
        setNames = names(config.set());
        setValues = values(config.set());
        addNames = names(config.add());
        addValues = values(config.add());
        remove = config.remove().stream().map(AsciiString::of).toArray(AsciiString[]::new);
    }

    private static AsciiString[] names(Map<String, String> headers) {
        return headers.keySet().stream().map(AsciiString::of).toArray(AsciiString[]::new);
    }

    private static String[] values(Map<String, String> headers) {
        // Values stay strings: each codec (HTTP/1.1, HPACK) encodes a non-ASCII char its own way.
        return headers.values().toArray(new String[0]);
    }

    /** Applies the actions to {@code headers}: set, then add, then remove. */
    void apply(HttpHeaders headers) {
        for (int i = 0; i < setNames.length; i++) {
            headers.set(setNames[i], setValues[i]);
        }
        for (int i = 0; i < addNames.length; i++) {
            headers.add(addNames[i], addValues[i]);
        }
        for (AsciiString name : remove) {
            headers.remove(name);
        }
    }
}
