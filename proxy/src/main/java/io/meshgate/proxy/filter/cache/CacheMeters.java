package io.meshgate.proxy.filter.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The metrics of one response cache:
 * {@code meshgate_cache_lookups_total{cache, result="hit"|"miss"}},
 * {@code meshgate_cache_bytes{cache}} and {@code meshgate_cache_entries{cache}}.
 */
public final class CacheMeters {

    /** Lookups of cacheable requests, by result. */
    public static final String LOOKUPS = "meshgate.cache.lookups";
    /** Bytes the stored entries weigh. */
    public static final String BYTES = "meshgate.cache.bytes";
    /** Stored responses. */
    public static final String ENTRIES = "meshgate.cache.entries";
    /** Label: the ResponseCache policy, {@code namespace/name}. */
    public static final String CACHE = "cache";
    /** Label: {@code hit} or {@code miss}. */
    public static final String RESULT = "result";

    private final MeterRegistry registry;
    private final Counter hits;
    private final Counter misses;
    private final List<Meter> meters;

    /** Registers the meters of {@code store}, named {@code cache} ({@code namespace/name}). */
    public CacheMeters(MeterRegistry registry, String cache, CacheStore store) {
        this.registry = registry;
        this.hits = Counter.builder(LOOKUPS).tag(CACHE, cache).tag(RESULT, "hit")
                .description("Response cache lookups").register(registry);
        this.misses = Counter.builder(LOOKUPS).tag(CACHE, cache).tag(RESULT, "miss")
                .description("Response cache lookups").register(registry);
        Gauge bytes = Gauge.builder(BYTES, store, CacheStore::bytes).tag(CACHE, cache).baseUnit("bytes")
                .description("Bytes held by the response cache").register(registry);
        Gauge entries = Gauge.builder(ENTRIES, store, CacheStore::size).tag(CACHE, cache)
                .description("Responses held by the response cache").register(registry);
        this.meters = List.of(hits, misses, bytes, entries);
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    /** Removes the meters (the cache was replaced or removed), so gauges do not report a dropped store. */
    public void close() {
        meters.forEach(registry::remove);
    }
}
