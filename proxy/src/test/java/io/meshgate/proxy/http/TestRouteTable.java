package io.meshgate.proxy.http;

import io.meshgate.proxy.route.Route;
import io.meshgate.proxy.route.RouteTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Routes by path prefix, first match in insertion order (engine tests only; routing owns the real table). */
final class TestRouteTable implements RouteTable {

    private final Map<String, Route> byPrefix = new LinkedHashMap<>();

    TestRouteTable route(String prefix, Route route) {
        byPrefix.put(prefix, route);
        return this;
    }

    @Override
    public @Nullable Route match(Exchange exchange) {
        String path = exchange.pathOnly();
        for (Map.Entry<String, Route> e : byPrefix.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public int size() {
        return byPrefix.size();
    }
}
