package io.meshgate.testkit;

import io.meshgate.api.JsonStrings;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Minimal JSON writing for fake upstream answers (testkit keeps its dependencies small). */
final class Json {

    private Json() {
    }

    static String quote(String s) {
        return JsonStrings.quote(s);
    }

    static String headers(HttpHeaders headers) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers) {
            byName.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getValue());
        }
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(quote(e.getKey())).append(":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                b.append(i > 0 ? "," : "").append(quote(e.getValue().get(i)));
            }
            b.append(']');
        }
        return b.append('}').toString();
    }
}
