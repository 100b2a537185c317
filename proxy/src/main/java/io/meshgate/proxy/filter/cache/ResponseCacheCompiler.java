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
    private final PolicyEnvironment env;

    /**
     * A compiler registering cache metrics in {@code env.meterRegistry()}. Stores use
     * {@link System#nanoTime()}, not the environment's wall clock: ages need a monotonic clock.
     */
    public ResponseCacheCompiler(PolicyEnvironment env) {
        this.env = env;
    }

    @Override
    public Class<ResponseCache> policyType() {
        return ResponseCache.class;
    }

    @Override
    public List<HttpFilter> filters(ResponseCache policy, PolicyContext context) {
        Store s = stores.get(policy.id());
        if (s == null || !s.policy().equals(policy)) {
            if (s != null) {
                s.meters().close();
            }
            ResponseCacheConfig config = ResponseCacheConfig.from(policy.spec());
            CacheStore store = new CacheStore(config.maxTotalBytes(), System::nanoTime);
            s = new Store(policy, config, store, new CacheMeters(env.meterRegistry(),
                    policy.namespace() + "/" + policy.name(), store));
            stores.put(policy.id(), s);
        }
        return List.of(new ResponseCacheFilter(s.config(), s.store(), s.meters(), context.routeId()));
    }

    @Override
    public void close() {
        stores.values().forEach(s -> s.meters().close());
        stores.clear();
    }

    private record Store(ResponseCache policy, ResponseCacheConfig config, CacheStore store, CacheMeters meters) {
    }
}
