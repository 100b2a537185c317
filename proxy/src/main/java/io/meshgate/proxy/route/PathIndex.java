package io.meshgate.proxy.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The matches of one host, indexed by path: a map for Exact paths and a trie of path elements for
 * the rest. A PathPrefix match sits at the node of its prefix; a RegularExpression match at the
 * node of its {@linkplain PathMatch#literalPrefix() literal prefix}, so only expressions that could
 * match are run. Every list is in precedence order and the three kinds are searched in precedence
 * order too (Exact, RegularExpression, then PathPrefix from the deepest node up: a deeper prefix
 * always has more characters), so the first candidate that matches is the answer.
 */
final class PathIndex {

    private static final RouteEntry[] NONE = new RouteEntry[0];

    private final Map<String, RouteEntry[]> exact;
    private final Node root;
    private final int depth;
    private final boolean hasRegex;

    private PathIndex(Map<String, RouteEntry[]> exact, Node root, int depth, boolean hasRegex) {
        this.exact = exact;
        this.root = root;
        this.depth = depth;
        this.hasRegex = hasRegex;
    }

    /** Indexes {@code sorted}, which is in precedence order. */
    static PathIndex of(List<RouteEntry> sorted) {
        Map<String, List<RouteEntry>> exact = new HashMap<>();
        Node.Builder root = new Node.Builder();
        boolean hasRegex = false;
        for (int rank = 0; rank < sorted.size(); rank++) {
            RouteEntry e = sorted.get(rank);
            PathMatch p = e.match().path();
            switch (p.type()) {
                case EXACT -> exact.computeIfAbsent(p.value(), k -> new ArrayList<>(1)).add(e);
                case REGULAR_EXPRESSION -> {
                    Node.Builder node = root.descend(p.literalPrefix());
                    node.regex.add(e);
                    node.regexRank.add(rank);
                    hasRegex = true;
                }
                case PATH_PREFIX -> root.descend(p.normalizedPrefix()).prefix.add(e);
            }
        }
        Map<String, RouteEntry[]> exactArrays = new HashMap<>(exact.size() * 2);
        exact.forEach((path, list) -> exactArrays.put(path, list.toArray(NONE)));
        return new PathIndex(exactArrays, root.build(), root.depth(), hasRegex);
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
        if (!path.startsWith("/")) {
            return hasRegex ? bestRegex(new Node[] {root}, 1, in) : null;
        }
        // The nodes along the path, root first.
        Node[] visited = new Node[depth + 1];
        int n = 0;
        Node node = root;
        visited[n++] = node;
        int from = 1;
        while (from >= 0 && node.children != null) {
            int slash = path.indexOf('/', from);
            node = node.children.get(slash < 0 ? path.substring(from) : path.substring(from, slash));
            if (node == null) {
                break;
            }
            visited[n++] = node;
            from = slash < 0 ? -1 : slash + 1;
        }
        if (hasRegex) {
            Route r = bestRegex(visited, n, in);
            if (r != null) {
                return r;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            Route r = firstBesidesPath(visited[i].prefix, in);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The regex match of lowest rank among the nodes: the first match of each node, compared. */
    private static @Nullable Route bestRegex(Node[] nodes, int n, MatchInput in) {
        RouteEntry best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Node node = nodes[i];
            for (int j = 0; j < node.regex.length && node.regexRank[j] < bestRank; j++) {
                RouteEntry e = node.regex[j];
                if (eligible(e, in) && e.match().matches(in)) {
                    best = e;
                    bestRank = node.regexRank[j];
                    break;
                }
            }
        }
        return best == null ? null : best.route();
    }

    private static @Nullable Route firstBesidesPath(RouteEntry[] candidates, MatchInput in) {
        for (RouteEntry e : candidates) {
            if (eligible(e, in) && e.match().matchesBesidesPath(in)) {
                return e.route();
            }
        }
        return null;
    }

    /** Whether {@code e} belongs to the listener chosen for the request (listener isolation). */
    private static boolean eligible(RouteEntry e, MatchInput in) {
        return in.listener == null || in.listener.equals(e.listenerHostname());
    }

    /** A trie node: the PathPrefix and RegularExpression matches whose prefix ends here, and the next elements. */
    private static final class Node {
        final RouteEntry[] prefix;
        final RouteEntry[] regex;
        final int[] regexRank;
        final @Nullable Map<String, Node> children;

        Node(RouteEntry[] prefix, RouteEntry[] regex, int[] regexRank, @Nullable Map<String, Node> children) {
            this.prefix = prefix;
            this.regex = regex;
            this.regexRank = regexRank;
            this.children = children;
        }

        static final class Builder {
            final List<RouteEntry> prefix = new ArrayList<>(1);
            final List<RouteEntry> regex = new ArrayList<>(0);
            final List<Integer> regexRank = new ArrayList<>(0);
            @Nullable Map<String, Builder> children;

            /** The node for {@code path} (no trailing slash; "" is this node), created as needed. */
            Builder descend(String path) {
                Builder node = this;
                int from = 1;
                while (!path.isEmpty()) {
                    int slash = path.indexOf('/', from);
                    String element = slash < 0 ? path.substring(from) : path.substring(from, slash);
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

            int depth() {
                int d = 0;
                if (children != null) {
                    for (Builder c : children.values()) {
                        d = Math.max(d, c.depth() + 1);
                    }
                }
                return d;
            }

            Node build() {
                Map<String, Node> built = null;
                if (children != null) {
                    built = new HashMap<>(children.size() * 2);
                    for (Map.Entry<String, Builder> c : children.entrySet()) {
                        built.put(c.getKey(), c.getValue().build());
                    }
                }
                int[] ranks = new int[regexRank.size()];
                for (int i = 0; i < ranks.length; i++) {
                    ranks[i] = regexRank.get(i);
                }
                return new Node(prefix.toArray(NONE), regex.toArray(NONE), ranks, built);
            }
        }
    }
}
