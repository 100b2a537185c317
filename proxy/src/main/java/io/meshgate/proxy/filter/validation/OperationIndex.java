package io.meshgate.proxy.filter.validation;

import io.meshgate.api.apimgmt.openapi.PathTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds the operation of a request: literal paths by hash lookup, then templated paths from the
 * most to the least specific (OpenAPI: concrete paths match before templated ones). Immutable.
 */
final class OperationIndex {

    private final Map<String, Map<String, CompiledOperation>> literal;   // path -> method -> op
    private final List<TemplatedPath> templated;                          // most specific first

    OperationIndex(List<CompiledOperation> operations) {
        Map<String, Map<String, CompiledOperation>> lit = new HashMap<>();
        Map<PathTemplate, Map<String, CompiledOperation>> tpl = new HashMap<>();
        for (CompiledOperation op : operations) {
            PathTemplate path = op.operation().path();
            Map<String, CompiledOperation> byMethod = path.isTemplated()
                    ? tpl.computeIfAbsent(path, k -> new HashMap<>())
                    : lit.computeIfAbsent(path.template(), k -> new HashMap<>());
            byMethod.put(op.operation().method(), op);
        }
        this.literal = copy(lit);
        List<TemplatedPath> t = new ArrayList<>();
        tpl.forEach((path, ops) -> t.add(new TemplatedPath(path, Map.copyOf(ops))));
        t.sort(Comparator.comparing(TemplatedPath::path));
        this.templated = List.copyOf(t);
    }

    /**
     * The operation for {@code method} on {@code path} (no query, still percent-encoded). A HEAD
     * request uses the GET operation when the path has no HEAD operation (RFC 9110 section 9.3.2).
     */
    Lookup find(String method, String path) {
        Map<String, CompiledOperation> ops = literal.get(path);
        Map<String, String> vars = Map.of();
        if (ops == null) {
            for (TemplatedPath t : templated) {
                Map<String, String> m = t.path().match(path);
                if (m != null) {
                    ops = t.operations();
                    vars = m;
                    break;
                }
            }
        }
        if (ops == null) {
            return new Lookup(null, vars, List.of());
        }
        CompiledOperation op = ops.get(method);
        if (op == null && method.equals("HEAD")) {
            op = ops.get("GET");
        }
        return new Lookup(op, vars, op == null ? allowed(ops) : List.of());
    }

    private static List<String> allowed(Map<String, CompiledOperation> ops) {
        TreeSet<String> methods = new TreeSet<>(ops.keySet());
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return List.copyOf(methods);
    }

    private static Map<String, Map<String, CompiledOperation>> copy(Map<String, Map<String, CompiledOperation>> m) {
        Map<String, Map<String, CompiledOperation>> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, Map.copyOf(v)));
        return Map.copyOf(c);
    }

    /**
     * What a lookup found.
     *
     * @param operation the operation, or null
     * @param pathVariables raw values of the path template's variables
     * @param allowedMethods when the path is known but the method is not: the methods it has
     */
    record Lookup(@Nullable CompiledOperation operation, Map<String, String> pathVariables,
                  List<String> allowedMethods) {
    }

    private record TemplatedPath(PathTemplate path, Map<String, CompiledOperation> operations) {
    }
}
