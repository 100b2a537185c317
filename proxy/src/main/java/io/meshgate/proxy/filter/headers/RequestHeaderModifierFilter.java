package io.meshgate.proxy.filter.headers;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import java.util.Objects;

/** Gateway API RequestHeaderModifier: changes the request headers before the backend sees them. */
public final class RequestHeaderModifierFilter implements HttpFilter {

    private final HeaderActions actions;

    /** A filter applying {@code config} to every request. */
    public RequestHeaderModifierFilter(HeaderModifierConfig config) {
        this.actions = new HeaderActions(Objects.requireNonNull(config, "config"));
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        actions.apply(exchange.requestHeaders());
        return FilterResult.next();
    }
}
