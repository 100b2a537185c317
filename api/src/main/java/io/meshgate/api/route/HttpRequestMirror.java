package io.meshgate.api.route;

import io.meshgate.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The RequestMirror filter: a fire-and-forget copy of each request to another backend; its answer is discarded.
 *
 * @param backendRef where copies go, required
 * @param percent share of requests mirrored (0..100); mutually exclusive with {@code fraction}; default 100
 * @param fraction share of requests mirrored as numerator/denominator; mutually exclusive with {@code percent}
 */
public record HttpRequestMirror(BackendObjectReference backendRef, @Nullable Integer percent,
                                @Nullable Fraction fraction) {
    public HttpRequestMirror {
        backendRef = Checks.required(backendRef, "backendRef");
        Checks.check(percent == null || fraction == null, "fraction", "must be absent when percent is set");
        if (percent != null) {
            Checks.range(percent, 0, 100, "percent");
        }
    }

    /** The mirrored share in percent (0..100), default 100. */
    public double share() {
        if (percent != null) {
            return percent;
        }
        return fraction == null ? 100 : 100.0 * fraction.numerator() / fraction.denominator();
    }

    /**
     * A fraction of requests.
     *
     * @param numerator required, 0..denominator
     * @param denominator default 100, at least 1
     */
    public record Fraction(Integer numerator, Integer denominator) {
        public Fraction {
            numerator = Checks.atLeast(Checks.required(numerator, "numerator"), 0, "numerator");
            denominator = Checks.atLeast(Checks.orDefault(denominator, 100), 1, "denominator");
            Checks.check(numerator <= denominator, "numerator",
                    numerator + " (expected: <= denominator " + denominator + ")");
        }
    }
}
