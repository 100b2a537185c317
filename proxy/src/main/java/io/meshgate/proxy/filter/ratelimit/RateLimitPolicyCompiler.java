package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.ratelimit.ConsumerMatch;
import io.meshgate.api.policy.ratelimit.GlobalRateLimit;
import io.meshgate.api.policy.ratelimit.HeaderMatch;
import io.meshgate.api.policy.ratelimit.RateLimitSelectCondition;
import io.meshgate.api.policy.ratelimit.RateLimitSpec;
import io.meshgate.api.policy.ratelimit.RateLimitType;
import io.meshgate.api.policy.ratelimit.RateLimitValue;
import io.meshgate.api.policy.ratelimit.RedisBackend;
import io.meshgate.api.policy.ratelimit.SourceMatch;
import io.meshgate.proxy.filter.HttpFilter;
import io.meshgate.proxy.snapshot.PolicyCompiler;
import io.meshgate.proxy.snapshot.PolicyContext;
import io.meshgate.proxy.snapshot.PolicyEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Compiles {@code BackendTrafficPolicy.rateLimit} into a {@link LocalRateLimitFilter} and/or a
 * {@link GlobalRateLimitFilter} per route rule.
 *
 * <p>Bucket scope, as in Envoy Gateway: each HTTPRoute the policy reaches counts on its own, unless
 * the rule says {@code shared: true}, when every route of the policy counts together. A rule's
 * buckets are named {@code <policy ns>/<policy>/<local|global>/<rule index>[@<route ns>/<route>]};
 * the same name means the same buckets, across the rules of a route, across reloads (local buckets
 * are kept while a snapshot uses them) and, for global limits, across gateway instances.
 * Redis connections are kept per {@code redis} block and closed when the gateway stops.
 */
public final class RateLimitPolicyCompiler implements PolicyCompiler<BackendTrafficPolicy> {

    private final PolicyEnvironment env;
    private final LongSupplier nanoClock;
    private final LocalBucketRegistry localBuckets = new LocalBucketRegistry(LocalRateLimiter.DEFAULT_MAX_KEYS);
    private final Map<RedisBackend, RedisConnector> connectors = new HashMap<>();

    /** A compiler using the gateway's clock and metrics registry. */
    public RateLimitPolicyCompiler(PolicyEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
        this.nanoClock = nanoClock(env.clock());
    }

    @Override
    public Class<BackendTrafficPolicy> policyType() {
        return BackendTrafficPolicy.class;
    }

    @Override
    public List<HttpFilter> filters(BackendTrafficPolicy policy, PolicyContext context) {
        RateLimitSpec spec = policy.spec().rateLimit();
        if (spec == null) {
            return List.of();
        }
        List<HttpFilter> out = new ArrayList<>(2);
        String policyId = policy.metadata().namespace() + "/" + policy.metadata().name();
        String routeId = context.routeNamespace() + "/" + context.routeName();
        if (spec.local() != null && spec.type() != RateLimitType.Global) {
            List<RateLimitRule> rules = rules(spec.local().rules(), policyId + "/local", routeId, "rateLimit.local");
            out.add(new LocalRateLimitFilter(new LocalRateLimiter(rules, localBuckets::buckets, nanoClock),
                    env.meterRegistry()));
        }
        GlobalRateLimit global = spec.global();
        if (global != null && spec.type() != RateLimitType.Local) {
            List<RateLimitRule> rules = rules(global.rules(), policyId + "/global", routeId, "rateLimit.global");
            GlobalRateLimiter limiter;
            try {
                limiter = new GlobalRateLimiter(rules, connector(global.redis()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rateLimit.global.rules." + e.getMessage(), e);
            }
            out.add(new GlobalRateLimitFilter(limiter, global.failClosed() ? FailureMode.CLOSED : FailureMode.OPEN,
                    env.meterRegistry()));
        }
        return out;
    }

    @Override
    public void close() {
        connectors.values().forEach(RedisConnector::close);
        connectors.clear();
    }

    private RedisConnector connector(RedisBackend redis) {
        return connectors.computeIfAbsent(redis, r -> new RedisConnector(new RedisSettings(r.url(), r.timeout()),
                env.meterRegistry(), nanoClock));
    }

    private static List<RateLimitRule> rules(List<io.meshgate.api.policy.ratelimit.RateLimitRule> specs,
                                             String prefix, String routeId, String path) {
        List<RateLimitRule> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            io.meshgate.api.policy.ratelimit.RateLimitRule spec = specs.get(i);
            String id = prefix + "/" + i + (spec.shared() ? "" : "@" + routeId);
            List<ClientSelector> selectors = new ArrayList<>();
            for (RateLimitSelectCondition c : spec.clientSelectors()) {
                for (HeaderMatch h : c.headers()) {
                    selectors.add(new HeaderSelector(h.name(), match(h.type()), h.value(), h.invert()));
                }
                SourceMatch source = c.sourceCIDR();
                if (source != null) {
                    selectors.add(new SourceCidrSelector(source.cidr(), source.type() == SourceMatch.Type.Distinct
                            ? ClientSelector.Match.DISTINCT : ClientSelector.Match.EXACT));
                }
                ConsumerMatch consumer = c.consumer();
                if (consumer != null) {
                    selectors.add(consumer.type() == ConsumerMatch.Type.Distinct ? ConsumerSelector.distinct()
                            : ConsumerSelector.exact(Objects.requireNonNull(consumer.value())));
                }
            }
            RateLimitValue limit = spec.limit();
            Quota quota;
            try {
                quota = new Quota(limit.requests(), limit.unit().window(), limit.bucketSize());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".rules[" + i + "].limit." + e.getMessage(), e);
            }
            out.add(new RateLimitRule(id, selectors, quota));
        }
        return out;
    }

    private static ClientSelector.Match match(io.meshgate.api.policy.ratelimit.HeaderMatchType type) {
        return switch (type) {
            case Exact -> ClientSelector.Match.EXACT;
            case RegularExpression -> ClientSelector.Match.REGULAR_EXPRESSION;
            case Distinct -> ClientSelector.Match.DISTINCT;
        };
    }

    /**
     * Monotonic nanoseconds for the buckets: {@link System#nanoTime()} under the system clock (wall
     * time can step back under NTP, which would stall buckets), else the injected clock's time.
     */
    private static LongSupplier nanoClock(Clock clock) {
        if (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) {
            return System::nanoTime;
        }
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
