package io.meshgate.proxy.filter.redirect;

import io.meshgate.proxy.filter.FilterResult;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.filter.Phase;
import io.meshgate.proxy.http.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Objects;

/**
 * Gateway API RequestRedirect: answers every request with a redirect status and a
 * {@code Location} built from the request and the config; the backend is never called.
 *
 * <p>Port rules of the spec: an explicit port wins; else a configured scheme brings its
 * well-known port (http 80, https 443); else the listener's port. The port is left out of the
 * Location when it is the scheme's well-known one.
 */
public final class RequestRedirectFilter implements HttpFilter {

    private static final byte[] EMPTY = new byte[0];

    private final RequestRedirectConfig config;

    /** A filter answering with the redirect {@code config} describes. */
    public RequestRedirectFilter(RequestRedirectConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public FilterResult onRequest(Exchange exchange) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.LOCATION, location(exchange));
        return FilterResult.respond(config.statusCode(), headers, EMPTY);
    }

    /** The Location for {@code exchange}. */
    String location(Exchange exchange) {
        String scheme = config.scheme() != null ? config.scheme() : exchange.scheme();
        String host = config.hostname() != null ? config.hostname() : exchange.host();
        int port;
        if (config.port() != null) {
            port = config.port();
        } else if (config.scheme() != null) {
            port = wellKnownPort(scheme);
        } else {
            port = config.listenerPort();
        }
        String target = config.path() == null ? exchange.path() : config.path().applyToTarget(exchange.path());
        StringBuilder b = new StringBuilder(scheme.length() + host.length() + target.length() + 10);
        b.append(scheme).append("://").append(host);
        if (port != wellKnownPort(scheme)) {
            b.append(':').append(port);
        }
        return b.append(target).toString();
    }

    private static int wellKnownPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
