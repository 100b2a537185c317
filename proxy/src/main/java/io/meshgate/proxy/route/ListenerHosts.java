package io.meshgate.proxy.route;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hostnames of the Gateway listeners sharing one port. The Gateway API isolates listeners: a
 * request is served by the most specific listener whose hostname matches its host (exact, then
 * the longest wildcard, then a listener without hostname), and only that listener's routes may
 * match it, even when a route of a less specific listener would.
 */
final class ListenerHosts {

    static final ListenerHosts NONE = new ListenerHosts(Set.of(), Set.of(), false);

    private final Set<String> exact;
    /** Wildcard listener hostnames by suffix with its dot: {@code *.example.com} is {@code .example.com}. */
    private final Set<String> wildcardSuffixes;
    private final boolean catchAll;

    private ListenerHosts(Set<String> exact, Set<String> wildcardSuffixes, boolean catchAll) {
        this.exact = exact;
        this.wildcardSuffixes = wildcardSuffixes;
        this.catchAll = catchAll;
    }

    static ListenerHosts of(Collection<RouteEntry> entries) {
        Set<String> exact = new HashSet<>();
        Set<String> wildcard = new HashSet<>();
        boolean catchAll = false;
        for (RouteEntry e : entries) {
            String h = e.listenerHostname();
            if (h.isEmpty()) {
                catchAll = true;
            } else if (h.startsWith("*.")) {
                wildcard.add(h.substring(1));
            } else {
                exact.add(h);
            }
        }
        return new ListenerHosts(Set.copyOf(exact), Set.copyOf(wildcard), catchAll);
    }

    /** Whether the port has listeners of more than one hostname (otherwise there is nothing to isolate). */
    boolean isolates() {
        return exact.size() + wildcardSuffixes.size() + (catchAll ? 1 : 0) > 1;
    }

    /**
     * The hostname of the listener that serves {@code host} (normalized, no port): {@code ""} for
     * the listener without hostname, or null when no listener of this port accepts the host.
     */
    @Nullable String mostSpecific(String host) {
        if (exact.contains(host)) {
            return host;
        }
        for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
            String suffix = host.substring(dot);
            if (wildcardSuffixes.contains(suffix)) {
                return "*" + suffix;
            }
        }
        return catchAll ? "" : null;
    }
}
