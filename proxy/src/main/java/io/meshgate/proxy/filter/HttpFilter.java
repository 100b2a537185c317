package io.meshgate.proxy.filter;

import io.meshgate.proxy.http.Exchange;

/**
 * One step of a route's request/response processing: the filter SPI.
 *
 * <p>A filter instance is built once per route when a snapshot is compiled, from its immutable
 * config record, and is shared by every request on that route and by every event loop: it must be
 * thread-safe and keep per-request state only in the {@link Exchange} (typed attributes).
 *
 * <p>Both phase methods run on the exchange's event loop and must never block. Work that waits
 * (an HTTP call, Redis) returns {@link FilterResult#await}; the chain resumes on the event loop.
 *
 * <p>The request phase runs in chain order; the response phase runs in reverse order, and only for
 * filters whose request phase ran. When a filter answers directly ({@link FilterResult.Respond}),
 * the response phase of the filters before it still runs, so e.g. CORS headers reach a 401.
 */
public interface HttpFilter {

    /** Where the filter sits in the chain; filters of one phase keep their config order. */
    Phase phase();

    /**
     * Called once the request head (and, in {@link BodyMode.Buffer} mode, the whole body) is in.
     * May change the request in place, answer directly, or wait for async work.
     */
    default FilterResult onRequest(Exchange exchange) {
        return FilterResult.next();
    }

    /**
     * Called once the response head (and, in {@link BodyMode.Buffer} mode, the whole body) is in,
     * before anything is written to the client. May change the response head and buffered body.
     * A {@link FilterResult.Respond} here replaces the response.
     */
    default FilterResult onResponse(Exchange exchange) {
        return FilterResult.next();
    }

    /** Whether the request body must be buffered before {@link #onRequest}; default streams. */
    default BodyMode requestBodyMode() {
        return BodyMode.STREAM;
    }

    /** Whether the response body must be buffered before {@link #onResponse}; default streams. */
    default BodyMode responseBodyMode() {
        return BodyMode.STREAM;
    }
}
