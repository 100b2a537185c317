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

    private FilterChain(HttpFilter[] filters) {
        this.filters = filters;
        int reqLimit = 0;
        int respLimit = 0;
        for (HttpFilter f : filters) {
            if (f.requestBodyMode() instanceof BodyMode.Buffer b) {
                reqLimit = reqLimit == 0 ? b.maxBytes() : Math.min(reqLimit, b.maxBytes());
            }
            if (f.responseBodyMode() instanceof BodyMode.Buffer b) {
                respLimit = respLimit == 0 ? b.maxBytes() : Math.min(respLimit, b.maxBytes());
            }
        }
        this.buffersRequest = reqLimit > 0;
        this.buffersResponse = respLimit > 0;
        this.requestBufferLimit = reqLimit;
        this.responseBufferLimit = respLimit;
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

    /** The smallest request buffering limit among the filters, in bytes; 0 when none buffers. */
    public int requestBufferLimit() {
        return requestBufferLimit;
    }

    /** The smallest response buffering limit among the filters, in bytes; 0 when none buffers. */
    public int responseBufferLimit() {
        return responseBufferLimit;
    }
}
