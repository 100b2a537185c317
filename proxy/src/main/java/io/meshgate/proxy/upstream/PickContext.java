package io.meshgate.proxy.upstream;

import io.meshgate.proxy.http.Exchange;
import java.util.Set;

/**
 * What a load balancer may look at when picking an endpoint for one try.
 *
 * @param exchange the request (for hash keys: header, cookie, source IP)
 * @param attempt 0 for the first try, then 1, 2, ... for retries
 * @param tried endpoints already tried for this request, avoided when others are available
 */
public record PickContext(Exchange exchange, int attempt, Set<Endpoint> tried) {
}
