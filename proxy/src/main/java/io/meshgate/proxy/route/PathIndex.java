package io.meshgate.proxy.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The matches of one host, indexed by path: a map for Exact paths, a list for regular
 * expressions, and a trie of path elements for PathPrefix. Every list is in precedence order, and
 * the three are searched in precedence order too (Exact, RegularExpression, then PathPrefix from
 * the deepest trie node up: a deeper prefix always has more characters), so the first candidate
 * that matches is the answer.
 */
final class PathIndex {

    private static final RouteEntry[] NONE = new RouteEntry[0];

    private final Map<String, RouteEntry[]> exact;
    private final RouteEntry[] regex;
    private final Node root;

    private PathIndex(Map<String, RouteEntry[]> exact, RouteEntry[] regex, Node root) {
        this.exact = exact;
        this.regex = regex;
        this.root = root;
    }

    /** Indexes {@code sorted}, which is in precedence order. */
    static PathIndex of(List<RouteEntry> sorted) {
        Map<String, List<RouteEntry>> exact = new HashMap<>();
        List<RouteEntry> regex = new ArrayList<>();
        Node.Builder root = new Node.Builder();
        for (RouteEntry e : sorted) {
            PathMatch p = e.match().path();
            switch (p.type()) {
                case EXACT -> exact.computeIfAbsent(p.value(), k -> new ArrayList<>(1)).add(e);
                case REGULAR_EXPRESSION -> regex.add(e);
                case PATH_PREFIX -> root.descend(p.normalizedPrefix()).entries.add(e);
            }
        }
        Map<String, RouteEntry[]> exactArrays = new HashMap<>(exact.size() * 2);
        exact.forEach((path, list) -> exactArrays.put(path, list.toArray(NONE)));
        return new PathIndex(exactArrays, regex.toArray(NONE), root.build());
    }

    @Nullable Route match(MatchInput in) {
        String path = in.path();
        RouteEntry[] candidates = exact.get(path);
        if (candidates != null) {
            Route r = firstBesidesPath(candidates, in);
            if (r != null) {
                return r;
            }
        }
        for (RouteEntry e : regex) {
            if (e.match().path().matches(path) && e.match().matchesBesidesPath(in)) {
                return e.route();
            }
        }
        // PathPrefix values start with '/', so only such paths can match one.
        return path.startsWith("/") ? matchPrefix(root, path, 1, in) : null;
    }

    /**
     * Deepest node first: descends while the next path element has a child, then tries the
     * entries of each node on the way back up.
     *
     * @param from start of the next path element, or -1 when the path has no more
     */
    private static @Nullable Route matchPrefix(Node node, String path, int from, MatchInput in) {
        if (from >= 0 && node.children != null) {
            int slash = path.indexOf('/', from);
            Node child = node.children.get(slash < 0 ? path.substring(from) : path.substring(from, slash));
            if (child != null) {
                Route r = matchPrefix(child, path, slash < 0 ? -1 : slash + 1, in);
                if (r != null) {
                    return r;
                }
            }
        }
        return firstBesidesPath(node.entries, in);
    }

    private static @Nullable Route firstBesidesPath(RouteEntry[] candidates, MatchInput in) {
        for (RouteEntry e : candidates) {
            if (e.match().matchesBesidesPath(in)) {
                return e.route();
            }
        }
        return null;
    }

    /** A trie node: the PathPrefix matches whose prefix ends here, and the next path elements. */
    private static final class Node {
        final RouteEntry[] entries;
        final @Nullable Map<String, Node> children;

        Node(RouteEntry[] entries, @Nullable Map<String, Node> children) {
            this.entries = entries;
            this.children = children;
        }

        static final class Builder {
            final List<RouteEntry> entries = new ArrayList<>(1);
            @Nullable Map<String, Builder> children;

            /** The node for {@code prefix} (no trailing slash; "" is this node), created as needed. */
            Builder descend(String prefix) {
                Builder node = this;
                int from = 1;
                while (from <= prefix.length() && !prefix.isEmpty()) {
                    int slash = prefix.indexOf('/', from);
                    String element = slash < 0 ? prefix.substring(from) : prefix.substring(from, slash);
                    if (node.children == null) {
                        node.children = new HashMap<>(4);
                    }
                    node = node.children.computeIfAbsent(element, k -> new Builder());
                    if (slash < 0) {
                        break;
                    }
                    from = slash + 1;
                }
                return node;
            }

            Node build() {
                Map<String, Node> built = null;
                if (children != null) {
                    built = new HashMap<>(children.size() * 2);
                    for (Map.Entry<String, Builder> c : children.entrySet()) {
                        built.put(c.getKey(), c.getValue().build());
                    }
                }
                return new Node(entries.toArray(NONE), built);
            }
        }
    }
}
