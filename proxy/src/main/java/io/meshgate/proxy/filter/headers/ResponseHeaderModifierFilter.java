package io.meshgate.proxy.filter.headers;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import java.util.Objects;

/**
 * Gateway API ResponseHeaderModifier: changes the response headers before the client sees them,
 * whether the response came from the backend or from a filter that answered directly.
 */
public final class ResponseHeaderModifierFilter implements HttpFilter {

    private final HeaderActions actions;

    /** A filter applying {@code config} to every response. */
    public ResponseHeaderModifierFilter(HeaderModifierConfig config) {
        this.actions = new HeaderActions(Objects.requireNonNull(config, "config"));
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onResponse(Exchange exchange) {
        actions.apply(exchange.responseHeaders());
        return FilterResult.next();
    }
}
