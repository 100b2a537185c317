package io.meshgate.proxy.route;

import io.meshgate.proxy.filter.FilterChain;
import java.util.List;
import java.util.Objects;

/**
 * One compiled HTTPRoute rule match: what to do with a request that matched it. Immutable,
 * built once per snapshot by the snapshot compiler.
 *
 * @param id stable id, {@code <namespace>/<route-name>/rule/<i>}: the {@code route} label of metrics and logs
 * @param filters the rule's filters plus the policies attached to the route and its Gateway
 * @param backends the weighted backends; empty means the rule has none (the engine answers 500)
 * @param timeouts request and per-backend-request timeouts
 * @param retry the retry policy (never null; {@link RetryPolicy#NONE} when there is none)
 * @param mirrors request mirrors of the rule (sent by the engine, fire-and-forget)
 */
public record Route(String id, FilterChain filters, List<WeightedBackend> backends, RouteTimeouts timeouts,
                    RetryPolicy retry, List<RequestMirror> mirrors) {
    public Route {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filters, "filters");
        backends = List.copyOf(backends);
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        mirrors = List.copyOf(mirrors);
    }
}
