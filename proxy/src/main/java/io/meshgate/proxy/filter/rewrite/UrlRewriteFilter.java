package io.meshgate.proxy.filter.rewrite;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import java.util.Objects;

/**
 * Gateway API URLRewrite: changes the host and path sent to the backend. The client never sees
 * the rewrite (unlike a redirect), and route matching already happened on the original request.
 */
public final class UrlRewriteFilter implements HttpFilter {

    private final UrlRewriteConfig config;

    /** A filter applying {@code config} to every request. */
    public UrlRewriteFilter(UrlRewriteConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        if (config.hostname() != null) {
            exchange.authority(config.hostname());
        }
        if (config.path() != null) {
            exchange.path(config.path().applyToTarget(exchange.path()));
        }
        return FilterResult.next();
    }
}
