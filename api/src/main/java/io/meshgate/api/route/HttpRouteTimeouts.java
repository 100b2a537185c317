package io.meshgate.api.route;

import io.meshgate.api.Durations;
import io.meshgate.api.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code timeouts} (GEP-1742). A zero duration ({@code 0s}) disables the timeout.
 *
 * @param request deadline for the whole request, from receiving it to the end of the response (504 when hit);
 *     default none
 * @param backendRequest deadline of each try at the backend (504 when hit); default none; at most {@code request}
 */
public record HttpRouteTimeouts(@Nullable Duration request, @Nullable Duration backendRequest) {
    public HttpRouteTimeouts {
        if (request != null && backendRequest != null && !request.isZero()) {
            Checks.check(backendRequest.compareTo(request) <= 0, "backendRequest",
                    Durations.format(backendRequest) + " (expected: <= request " + Durations.format(request) + ")");
        }
    }
}
