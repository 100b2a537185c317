package io.meshgate.proxy.upstream.health;

import io.meshgate.proxy.upstream.Endpoint;
import java.util.concurrent.CompletableFuture;

/**
 * Performs one health check of one endpoint, without blocking. The {@link HealthChecker} owns
 * deadlines: it cancels the returned future when the check times out, and the probe must then
 * release what it holds (close its connection).
 */
@FunctionalInterface
public interface HealthProbe {

    /** Checks {@code endpoint}; completes with true when healthy, false (or exceptionally) when not. */
    CompletableFuture<Boolean> check(Endpoint endpoint, HealthCheckConfig config);
}
