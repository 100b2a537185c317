package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The RequestHeaderModifier / ResponseHeaderModifier filter: applied in the order remove, set, add.
 *
 * @param set headers to overwrite (replacing every existing value), default none, at most 16
 * @param add headers to append (keeping existing values), default none, at most 16
 * @param remove header names to remove, default none, at most 16
 */
public record HttpHeaderModifier(List<HttpHeader> set, List<HttpHeader> add, List<String> remove) {
    public HttpHeaderModifier(@Nullable List<HttpHeader> set, @Nullable List<HttpHeader> add,
                              @Nullable List<String> remove) {
        this.set = unique(Checks.list(set, "set"), "set");
        this.add = unique(Checks.list(add, "add"), "add");
        this.remove = Checks.list(remove, "remove");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < this.remove.size(); i++) {
            String n = Checks.headerName(this.remove.get(i), "remove[" + i + "]");
            Checks.check(seen.add(n.toLowerCase(Locale.ROOT)), "remove[" + i + "]",
                    Checks.quote(n) + " (expected: each header name once)");
        }
        Checks.check(this.remove.size() <= 16, "remove", this.remove.size() + " entries (expected: at most 16)");
    }

    private static List<HttpHeader> unique(List<HttpHeader> headers, String field) {
        Checks.check(headers.size() <= 16, field, headers.size() + " entries (expected: at most 16)");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String n = headers.get(i).name();
            Checks.check(seen.add(n.toLowerCase(Locale.ROOT)), field + "[" + i + "].name",
                    Checks.quote(n) + " (expected: each header name once)");
        }
        return headers;
    }
}
