package io.meshgate.proxy.filter.cache;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The memory of one response cache: stored responses by key (route, host, path and query), each
 * key holding up to {@link #MAX_VARIANTS} variants (one per combination of {@code Vary} header
 * values). Bounded by the bytes its entries weigh; the least recently used key leaves first.
 *
 * <p>Shared by the event loops of every route that uses the cache; each call holds the lock only
 * for a map operation, never while copying a body.
 */
public final class CacheStore {

    /** Variants kept per key; a new one beyond this pushes out the oldest. */
    static final int MAX_VARIANTS = 8;

    private final long maxBytes;
    private final LongSupplier nanoTime;
    // Access order: iteration starts at the least recently used key.
    private final LinkedHashMap<String, List<CachedResponse>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /**
     * Creates an empty store.
     *
     * @param maxBytes the memory bound, in bytes (expected: &gt; 0)
     * @param nanoTime the monotonic clock ({@code System::nanoTime}; tests pass their own)
     */
    public CacheStore(long maxBytes, LongSupplier nanoTime) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
        this.maxBytes = maxBytes;
        this.nanoTime = nanoTime;
    }

    /** The current time of the store's clock. */
    long now() {
        return nanoTime.getAsLong();
    }

    /** The fresh variant of {@code key} that matches the request's varying headers, or null. Drops stale ones. */
    synchronized @Nullable CachedResponse get(String key, HttpHeaders requestHeaders, long nowNanos) {
        List<CachedResponse> variants = entries.get(key);
        if (variants == null) {
            return null;
        }
        CachedResponse hit = null;
        for (Iterator<CachedResponse> it = variants.iterator(); it.hasNext(); ) {
            CachedResponse r = it.next();
            if (!r.isFresh(nowNanos)) {
                it.remove();
                bytes -= r.weight();
            } else if (hit == null && r.matches(requestHeaders)) {
                hit = r;
            }
        }
        if (variants.isEmpty()) {
            entries.remove(key);
        }
        return hit;
    }

    /** Stores a response, replacing the variant with the same varying values, then evicts to the bound. */
    synchronized void put(String key, CachedResponse response) {
        long w = response.weight();
        if (w > maxBytes) {
            return;
        }
        List<CachedResponse> variants = entries.computeIfAbsent(key, k -> new ArrayList<>(1));
        int replaced = -1;
        for (int i = 0; i < variants.size() && replaced < 0; i++) {
            if (variants.get(i).vary().equals(response.vary())) {
                replaced = i;
            }
        }
        if (replaced < 0 && variants.size() >= MAX_VARIANTS) {
            replaced = 0; // the oldest
        }
        if (replaced >= 0) {
            bytes -= variants.remove(replaced).weight();
        }
        variants.add(response);
        bytes += w;
        evict();
    }

    // The key just written is the most recently used, so it is the last to go.
    private void evict() {
        Iterator<Map.Entry<String, List<CachedResponse>>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<String, List<CachedResponse>> e = it.next();
            for (CachedResponse r : e.getValue()) {
                bytes -= r.weight();
            }
            it.remove();
        }
    }

    /** Bytes the stored entries weigh now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Number of stored responses (all variants). */
    public synchronized int size() {
        int n = 0;
        for (List<CachedResponse> v : entries.values()) {
            n += v.size();
        }
        return n;
    }

    /** The memory bound, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }
}
