package io.meshgate.proxy.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The filters of one route, pre-sorted by {@link Phase} (stable, so config order holds within a
 * phase) into an array the engine walks by index. Immutable; built once per snapshot.
 */
public final class FilterChain {

    private static final FilterChain EMPTY = new FilterChain(new HttpFilter[0]);

    private final HttpFilter[] filters;
    private final boolean buffersRequest;
    private final boolean buffersResponse;
    private final int requestBufferLimit;
    private final int responseBufferLimit;
    private final boolean requestOverflowStreams;
    private final boolean responseOverflowStreams;

    private FilterChain(HttpFilter[] filters) {
        this.filters = filters;
        Limit req = new Limit();
        Limit resp = new Limit();
        for (HttpFilter f : filters) {
            req.add(f.requestBodyMode());
            resp.add(f.responseBodyMode());
        }
        this.buffersRequest = req.limit() > 0;
        this.buffersResponse = resp.limit() > 0;
        this.requestBufferLimit = req.limit();
        this.responseBufferLimit = resp.limit();
        this.requestOverflowStreams = req.hard == 0;
        this.responseOverflowStreams = resp.hard == 0;
    }

    /** The empty chain. */
    public static FilterChain empty() {
        return EMPTY;
    }

    /** A chain of {@code filters}, ordered by phase, config order kept within a phase. */
    public static FilterChain of(List<? extends HttpFilter> filters) {
        if (filters.isEmpty()) {
            return EMPTY;
        }
        List<HttpFilter> sorted = new ArrayList<>(filters);
        sorted.sort(Comparator.comparing(HttpFilter::phase)); // List.sort is stable
        return new FilterChain(sorted.toArray(new HttpFilter[0]));
    }

    /** Number of filters. */
    public int size() {
        return filters.length;
    }

    /** The filter at {@code index} in chain order. */
    public HttpFilter get(int index) {
        return filters[index];
    }

    /** Whether any filter needs the whole request body before its request phase. */
    public boolean buffersRequest() {
        return buffersRequest;
    }

    /** Whether any filter needs the whole response body before its response phase. */
    public boolean buffersResponse() {
        return buffersResponse;
    }

    /**
     * Whether a request body over {@link #requestBufferLimit()} streams on (the filters then see no
     * body) rather than failing with 413: true when every buffering filter asked for
     * {@link BodyMode#bufferUpTo}.
     */
    public boolean requestOverflowStreams() {
        return requestOverflowStreams;
    }

    /**
     * Whether a response body over {@link #responseBufferLimit()} streams on (the filters then see
     * no body) rather than failing with 502: true when every buffering filter asked for
     * {@link BodyMode#bufferUpTo}.
     */
    public boolean responseOverflowStreams() {
        return responseOverflowStreams;
    }

    /**
     * The request buffering limit, in bytes; 0 when no filter buffers. The smallest limit among
     * filters that fail past their limit, or else the largest among {@link BodyMode#bufferUpTo}
     * filters (each of which checks the size of what it gets).
     */
    public int requestBufferLimit() {
        return requestBufferLimit;
    }

    /** The response buffering limit, in bytes; 0 when no filter buffers. Chosen as for requests. */
    public int responseBufferLimit() {
        return responseBufferLimit;
    }

    /** Folds the body modes of one side of the chain into one limit. */
    private static final class Limit {
        int hard;
        int soft;

        void add(BodyMode mode) {
            if (mode instanceof BodyMode.Buffer b) {
                if (b.streamWhenLarger()) {
                    soft = Math.max(soft, b.maxBytes());
                } else {
                    hard = hard == 0 ? b.maxBytes() : Math.min(hard, b.maxBytes());
                }
            }
        }

        int limit() {
            return hard > 0 ? hard : soft;
        }
    }
}
