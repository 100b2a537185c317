package io.meshgate.proxy.filter.cache;

import io.meshgate.api.ResourceId;
import io.meshgate.api.apimgmt.ResponseCache;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles {@link ResponseCache} policies into {@link ResponseCacheFilter}s: one filter per route
 * rule, all sharing the policy's {@link CacheStore}. The store survives reloads that leave the
 * policy unchanged, so a reload does not empty a warm cache.
 */
public final class ResponseCacheCompiler implements PolicyCompiler<ResponseCache> {

    private final Map<ResourceId, Store> stores = new HashMap<>();

    /** A compiler; the stores use {@link System#nanoTime()} for ages. */
    public ResponseCacheCompiler(PolicyEnvironment env) {
        // The environment's wall clock is not used: ages and freshness need a monotonic clock.
    }

    @Override
    public Class<ResponseCache> policyType() {
        return ResponseCache.class;
    }

    @Override
    public List<HttpFilter> filters(ResponseCache policy, PolicyContext context) {
        Store s = stores.get(policy.id());
        if (s == null || !s.policy().equals(policy)) {
            ResponseCacheConfig config = ResponseCacheConfig.from(policy.spec());
            s = new Store(policy, config, new CacheStore(config.maxTotalBytes(), System::nanoTime));
            stores.put(policy.id(), s);
        }
        return List.of(new ResponseCacheFilter(s.config(), s.store(), context.routeId()));
    }

    private record Store(ResponseCache policy, ResponseCacheConfig config, CacheStore store) {
    }
}
