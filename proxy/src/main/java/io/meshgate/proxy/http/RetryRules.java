package io.meshgate.proxy.http;

import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.RetryTrigger;
import io.meshgate.proxy.upstream.Outcome;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry policy's rules (Envoy Gateway {@code retryOn.triggers}): which failures and statuses
 * are retriable, and how long to back off before retry number n.
 */
final class RetryRules {

    private RetryRules() {
    }

    /** Whether a try that ended with {@code o} (before any response head) may be retried under {@code retry}. */
    static boolean retriableOutcome(RetryPolicy retry, Outcome o) {
        Set<RetryTrigger> t = retry.triggers();
        return switch (o) {
            case CONNECT_FAILURE -> t.contains(RetryTrigger.CONNECT_FAILURE) || t.contains(RetryTrigger.FIVE_XX)
                    || t.contains(RetryTrigger.GATEWAY_ERROR);
            case RESET -> t.contains(RetryTrigger.RESET) || t.contains(RetryTrigger.FIVE_XX)
                    || t.contains(RetryTrigger.GATEWAY_ERROR) || t.contains(RetryTrigger.REFUSED_STREAM);
            case TIMEOUT -> t.contains(RetryTrigger.FIVE_XX) || t.contains(RetryTrigger.GATEWAY_ERROR);
            case GATEWAY_ERROR, SERVER_ERROR, SUCCESS -> true; // decided by status in retriableStatus
        };
    }

    /** Whether a response with status {@code code} triggers a retry under {@code retry}. */
    static boolean retriableStatus(RetryPolicy retry, int code) {
        Set<RetryTrigger> t = retry.triggers();
        if (t.isEmpty()) {
            return false;
        }
        return (code >= 500 && t.contains(RetryTrigger.FIVE_XX))
                || ((code == 502 || code == 503 || code == 504) && t.contains(RetryTrigger.GATEWAY_ERROR))
                || (code == 409 && t.contains(RetryTrigger.RETRIABLE_4XX))
                || (t.contains(RetryTrigger.RETRIABLE_STATUS_CODES) && retry.retriableStatusCodes().contains(code));
    }

    /** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(n-1))]. */
    static long backoffNanos(RetryPolicy retry, int retriesUsed) {
        long base = Math.max(1, retry.backoffBase().toNanos());
        long cap = Math.max(base, retry.backoffMax().toNanos());
        int shift = Math.min(30, retriesUsed - 1);
        long ceiling = base << shift;
        if (ceiling <= 0 || ceiling > cap) {
            ceiling = cap;
        }
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }


    /** How a response status counts for the cluster (outlier detection, balancing). */
    static Outcome outcomeOf(int code) {
        if (code < 500) {
            return Outcome.SUCCESS;
        }
        return code == 502 || code == 503 || code == 504 ? Outcome.GATEWAY_ERROR : Outcome.SERVER_ERROR;
    }
}
