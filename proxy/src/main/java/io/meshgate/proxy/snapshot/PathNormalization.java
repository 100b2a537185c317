package io.meshgate.proxy.snapshot;

import io.meshgate.api.policy.EscapedSlashesAction;
import java.util.Objects;

/**
 * How a listener normalizes request paths before routing (ClientTrafficPolicy {@code spec.path}). Dot segments
 * are always removed and percent-encoded unreserved characters always decoded, so a route, a policy and the
 * backend all read the same path.
 *
 * @param mergeSlashes whether {@code //} collapses to {@code /} (default true)
 * @param escapedSlashes what {@code %2F} / {@code %5C} do (default UnescapeAndRedirect)
 */
public record PathNormalization(boolean mergeSlashes, EscapedSlashesAction escapedSlashes) {

    /** Envoy Gateway's defaults. */
    public static final PathNormalization DEFAULTS = new PathNormalization(true, EscapedSlashesAction.UnescapeAndRedirect);

    public PathNormalization {
        Objects.requireNonNull(escapedSlashes, "escapedSlashes");
    }
}
