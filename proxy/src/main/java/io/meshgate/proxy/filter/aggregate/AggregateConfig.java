package io.meshgate.proxy.filter.aggregate;

import io.meshgate.proxy.upstream.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config of {@link AggregateFilter}.
 *
 * @param calls the backend calls, answered under their names in this order
 * @param partial answer with what succeeded (true) or fail the whole request when a call fails (false)
 * @param maxBytes the largest answer taken from one call, in bytes (expected: &gt; 0)
 */
public record AggregateConfig(List<Call> calls, boolean partial, int maxBytes) {

    public AggregateConfig {
        calls = List.copyOf(calls);
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("calls: [] (expected: at least one)");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
    }

    /**
     * One call: a GET of {@code path} (with placeholders) on {@code cluster}.
     *
     * @param name the key of its answer
     * @param cluster the backend's cluster (plain HTTP/1.1)
     * @param path request target with {@code {header.X}}, {@code {query.X}}, {@code {consumer}} placeholders
     * @param timeout the longest the call may take
     */
    public record Call(String name, Cluster cluster, String path, Duration timeout) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(header\\.[^{}]+|query\\.[^{}]+|consumer)}");

        public Call {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** The path split into literal text and placeholder names, alternating (literal first). */
        List<String> parts() {
            Matcher m = PLACEHOLDER.matcher(path);
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            int at = 0;
            while (m.find()) {
                out.add(path.substring(at, m.start()));
                out.add(m.group(1));
                at = m.end();
            }
            out.add(path.substring(at));
            return List.copyOf(out);
        }
    }
}
