package io.meshgate.proxy.filter.ipfilter;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Allows or denies a request by its client address ({@link Exchange#clientAddress()}: the TCP
 * peer, or the X-Forwarded-For entry the listener's trusted-proxy setting selects), with ordered
 * CIDR rules. Sits in {@link Phase#ACCESS} so denied clients cost no credential checks.
 * A denied request gets 403.
 */
public final class IpFilter implements HttpFilter {

    private final IpFilterConfig config;

    /** A filter for {@code config}, shared by every request of the route. */
    public IpFilter(IpFilterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.ACCESS;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        InetAddress client = exchange.clientAddress().getAddress();
        IpFilterConfig.Action action = config.defaultAction();
        if (client != null) {
            for (IpFilterConfig.Rule rule : config.rules()) {
                if (rule.matches(client)) {
                    action = rule.action();
                    break;
                }
            }
        }
        return action == IpFilterConfig.Action.ALLOW ? FilterResult.next()
                : FilterResult.error(403, "client address not allowed");
    }
}
