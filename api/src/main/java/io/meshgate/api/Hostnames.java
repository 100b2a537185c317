package io.meshgate.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Gateway API hostname rules: syntax of listener and route hostnames (RFC 1123, optionally with a
 * leading {@code *.} wildcard label, never an IP address) and how a listener hostname and route
 * hostnames intersect.
 */
public final class Hostnames {

    private static final Pattern HOSTNAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

    private Hostnames() {}

    /** Why {@code hostname} is not a valid (wildcard) hostname, or null when it is. */
    public static @Nullable String problem(String hostname) {
        if (hostname.length() > 253 || !HOSTNAME.matcher(hostname).matches()) {
            return '"' + hostname + "\" (expected: a lowercase DNS name, optionally starting with *.)";
        }
        if (IPV4.matcher(hostname).matches()) {
            return '"' + hostname + "\" (expected: a DNS name, not an IP address)";
        }
        return null;
    }

    /** Whether the hostname starts with the {@code *.} wildcard label. */
    public static boolean isWildcard(String hostname) {
        return hostname.startsWith("*.");
    }

    /**
     * Whether a concrete request host matches a (wildcard) hostname. Per the Gateway API, {@code *.example.com}
     * matches {@code a.example.com} and {@code a.b.example.com} but not {@code example.com}.
     */
    public static boolean matches(String pattern, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (!isWildcard(pattern)) {
            return pattern.equals(h);
        }
        String suffix = pattern.substring(1); // ".example.com"
        return h.endsWith(suffix) && h.length() > suffix.length();
    }

    /**
     * The intersection of one listener hostname and one route hostname, or null when they do not
     * intersect. A null listener hostname matches every route hostname.
     */
    public static @Nullable String intersect(@Nullable String listener, String route) {
        if (listener == null || listener.equals(route)) {
            return route;
        }
        if (isWildcard(listener) && matches(listener, route.replace("*.", "x."))
            && (!isWildcard(route) || route.length() > listener.length())) {
            return route; // route is more specific than the listener's wildcard
        }
        if (isWildcard(route) && matches(route, listener.replace("*.", "x."))
            && (!isWildcard(listener) || listener.length() > route.length())) {
            return listener; // listener is more specific than the route's wildcard
        }
        return null;
    }

    /**
     * The hostnames a route serves on a listener: the intersections of the listener hostname with
     * each route hostname. A route with no hostnames takes the listener's hostname (or every host
     * when the listener has none: the result is then {@code ["*"]}). An empty result means the route
     * does not attach to that listener.
     */
    public static List<String> effective(@Nullable String listener, List<String> routeHostnames) {
        if (routeHostnames.isEmpty()) {
            return List.of(listener == null ? "*" : listener);
        }
        List<String> out = new ArrayList<>();
        for (String r : routeHostnames) {
            String i = intersect(listener, r);
            if (i != null && !out.contains(i)) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }
}
