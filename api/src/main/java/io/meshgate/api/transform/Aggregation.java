package io.meshgate.api.transform;

import io.meshgate.api.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code aggregation}: answer the request at the gateway by calling several backends in parallel
 * and merging their JSON answers under named keys: {@code {"user": {...}, "activity": [...]}}.
 * The rule's own backendRefs are not called. A call fails on a connect error, a timeout, a non-2xx
 * status or a body that is not JSON.
 *
 * @param calls the backend calls, 1..16, with distinct names
 * @param onError {@code FailWhole} (default): any failed call fails the request (502, or 504 for a
 *     timeout) with a body naming it; {@code Partial}: a failed call's key is {@code null}, the
 *     reason is under {@code "_errors"} and the {@code x-meshgate-partial} header lists the failed
 *     calls; the status stays 200 while at least one call succeeded
 * @param maxBytes the largest answer taken from one call, in bytes, default 1048576 (1 MiB)
 */
public record Aggregation(List<AggregationCall> calls, AggregationErrorMode onError, Integer maxBytes) {
    public Aggregation(@Nullable List<AggregationCall> calls, @Nullable AggregationErrorMode onError,
                       @Nullable Integer maxBytes) {
        this.calls = Checks.list(calls, "calls");
        Checks.check(!this.calls.isEmpty() && this.calls.size() <= 16, "calls",
                this.calls.size() + " entries (expected: 1..16)");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < this.calls.size(); i++) {
            String name = this.calls.get(i).name();
            Checks.check(names.add(name), "calls[" + i + "].name", "\"" + name + "\" used twice (expected: distinct names)");
        }
        this.onError = Checks.orDefault(onError, AggregationErrorMode.FailWhole);
        this.maxBytes = Checks.atLeast(Checks.orDefault(maxBytes, 1 << 20), 1, "maxBytes");
    }
}
