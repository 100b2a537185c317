package io.meshgate.proxy.route;

import io.meshgate.proxy.http.Exchange;
import org.jspecify.annotations.Nullable;

/**
 * The routes of one listener port, compiled once per snapshot and immutable: matches a request
 * (hostname, path, method, headers, query) to a route in Gateway API precedence order.
 * Safe to call from any thread.
 */
public interface RouteTable {

    /** The best matching route, or null (the engine answers 404). */
    @Nullable Route match(Exchange exchange);

    /** Number of compiled route matches, for {@code /config} and metrics. */
    int size();
}
