package io.meshgate.proxy.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Gateway API hostname rules: exact names and {@code *.}-wildcards (the wildcard stands for one or
 * more labels, so {@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}
 * but not {@code example.com}), and the intersection of a listener's hostname with a route's.
 */
public final class Hostnames {

    private Hostnames() {
    }

    /**
     * The hostnames a route serves on a listener: each route hostname that matches the listener
     * hostname, narrowed to the more specific of the two.
     *
     * @param listener the listener's hostname, or null when it accepts any
     * @param route the route's hostnames (empty: any)
     * @return the effective hostnames (empty list: any host), or empty when they do not intersect
     *     (the route does not attach to this listener)
     */
    public static Optional<List<String>> intersect(@Nullable String listener, List<String> route) {
        if (listener == null || listener.isEmpty()) {
            return Optional.of(lower(route));
        }
        String l = listener.toLowerCase(Locale.ROOT);
        if (route.isEmpty()) {
            return Optional.of(List.of(l));
        }
        List<String> out = new ArrayList<>();
        for (String r : lower(route)) {
            if (covers(l, r)) {
                add(out, r);
            } else if (covers(r, l)) {
                add(out, l);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
    }

    private static void add(List<String> out, String h) {
        if (!out.contains(h)) {
            out.add(h);
        }
    }

    /** Whether every host that {@code narrow} matches is also matched by {@code wide}. */
    static boolean covers(String wide, String narrow) {
        if (wide.equals(narrow)) {
            return true;
        }
        if (!wide.startsWith("*.")) {
            return false;
        }
        String suffix = wide.substring(1);
        if (narrow.startsWith("*.")) {
            return narrow.length() > wide.length() && narrow.endsWith(suffix);
        }
        return narrow.length() > suffix.length() && narrow.endsWith(suffix);
    }

    /** Whether a request for {@code host} (no port) is matched by {@code hostname} (exact or wildcard). */
    public static boolean matches(String hostname, String host) {
        return covers(hostname.toLowerCase(Locale.ROOT), MatchInput.normalizeHost(host));
    }

    private static List<String> lower(List<String> hosts) {
        List<String> out = new ArrayList<>(hosts.size());
        for (String h : hosts) {
            out.add(h.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
