package io.meshgate.proxy.route;

import io.meshgate.proxy.upstream.Cluster;
import java.util.Objects;

/**
 * A Gateway API RequestMirror: a fire-and-forget copy of matching requests sent to another
 * cluster. The mirror's response is discarded and a slow or failing mirror never slows the main
 * request (the copy is dropped instead).
 *
 * @param cluster where the copies go
 * @param percent share of requests mirrored, 0..100 (default 100)
 */
public record RequestMirror(Cluster cluster, double percent) {
    public RequestMirror {
        Objects.requireNonNull(cluster, "cluster");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: 0..100)");
        }
    }
}
