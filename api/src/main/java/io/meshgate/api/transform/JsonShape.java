package io.meshgate.api.transform;

import io.meshgate.api.internal.Checks;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code jsonShape}: return only what the client needs from a JSON response (KrakenD's allow, deny
 * and mapping). Fields are dotted paths ({@code user.address.city}); a path that crosses an array
 * applies to each element. Applied in this order: {@code keep}, {@code remove}, {@code rename}.
 * Responses that are not JSON (by Content-Type) or not 2xx pass unchanged; a JSON body larger than
 * {@code maxBytes} fails with 502.
 *
 * @param keep when not empty, only these fields remain (with the objects on their path)
 * @param remove these fields are dropped
 * @param rename field path to new name; the field keeps its place in its object
 * @param maxBytes the largest response body shaped, in bytes, default 1048576 (1 MiB)
 */
public record JsonShape(List<String> keep, List<String> remove, Map<String, String> rename, Integer maxBytes) {
    public JsonShape(@Nullable List<String> keep, @Nullable List<String> remove, @Nullable Map<String, String> rename,
                     @Nullable Integer maxBytes) {
        this.keep = paths(Checks.list(keep, "keep"), "keep");
        this.remove = paths(Checks.list(remove, "remove"), "remove");
        this.rename = Checks.map(rename);
        this.rename.forEach((from, to) -> {
            paths(List.of(from), "rename");
            Checks.check(!to.isEmpty() && to.indexOf('.') < 0, "rename." + from,
                    "\"" + to + "\" (expected: a field name without dots)");
        });
        Checks.check(!this.keep.isEmpty() || !this.remove.isEmpty() || !this.rename.isEmpty(), "keep",
                "required unless remove or rename is set (expected: at least one)");
        this.maxBytes = Checks.atLeast(Checks.orDefault(maxBytes, 1 << 20), 1, "maxBytes");
    }

    private static List<String> paths(List<String> paths, String field) {
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            Checks.check(!p.isEmpty() && !p.startsWith(".") && !p.endsWith(".") && !p.contains(".."),
                    field + (field.equals("rename") ? "" : "[" + i + "]"),
                    "\"" + p + "\" (expected: a field path such as user.address.city)");
        }
        return paths;
    }
}
