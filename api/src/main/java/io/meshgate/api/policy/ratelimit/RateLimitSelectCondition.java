package io.meshgate.api.policy.ratelimit;

import io.meshgate.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client selector: every condition given must hold for a request to count against the rule.
 *
 * @param headers header conditions, at most 16 (all must hold)
 * @param sourceCIDR client address condition, optional
 * @param consumer authenticated consumer condition (meshgate extension), optional
 */
public record RateLimitSelectCondition(List<HeaderMatch> headers, @Nullable SourceMatch sourceCIDR,
                                       @Nullable ConsumerMatch consumer) {
    public RateLimitSelectCondition(@Nullable List<HeaderMatch> headers, @Nullable SourceMatch sourceCIDR,
                                    @Nullable ConsumerMatch consumer) {
        this.headers = Checks.list(headers, "headers");
        Checks.check(this.headers.size() <= 16, "headers", this.headers.size() + " entries (expected: at most 16)");
        this.sourceCIDR = sourceCIDR;
        this.consumer = consumer;
        Checks.check(!this.headers.isEmpty() || sourceCIDR != null || consumer != null, "headers",
                "required unless sourceCIDR or consumer is set (expected: at least one condition)");
    }
}
