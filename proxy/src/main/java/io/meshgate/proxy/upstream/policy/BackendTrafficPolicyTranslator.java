package io.meshgate.proxy.upstream.policy;

import io.meshgate.api.Durations;
import io.meshgate.api.policy.BackendTimeout;
import io.meshgate.api.policy.BackendTrafficPolicy;
import io.meshgate.api.policy.BackendTrafficPolicySpec;
import io.meshgate.api.policy.ConsistentHash;
import io.meshgate.api.policy.HealthCheck;
import io.meshgate.api.policy.LoadBalancer;
import io.meshgate.api.policy.Retry;
import io.meshgate.proxy.route.RetryPolicy;
import io.meshgate.proxy.route.RetryTrigger;
import io.meshgate.proxy.route.RouteTimeouts;
import io.meshgate.proxy.snapshot.TrafficPolicyTranslator;
import io.meshgate.proxy.upstream.UpstreamSettings;
import io.meshgate.proxy.upstream.cluster.CircuitBreakerLimits;
import io.meshgate.proxy.upstream.cluster.ClusterConfig;
import io.meshgate.proxy.upstream.health.HealthCheckConfig;
import io.meshgate.proxy.upstream.lb.HashKey;
import io.meshgate.proxy.upstream.lb.LoadBalancers;
import io.meshgate.proxy.upstream.outlier.OutlierConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns the effective {@link BackendTrafficPolicy} of a route rule into what the proxy runs: the
 * config of each cluster the rule reaches, the rule's retry policy and its timeouts. Only the
 * snapshot compiler calls it, once per (backend, policy) and rule, when a snapshot is built.
 *
 * <p>A block the policy leaves out keeps the engine's default, which is Envoy Gateway's: least
 * request, no retries, no health checks, 1024 for each circuit-breaker limit. Failures are
 * {@link IllegalArgumentException}s whose message starts with the field path under {@code spec}.
 */
public final class BackendTrafficPolicyTranslator implements TrafficPolicyTranslator {

    /** Ejections never last longer than this (Envoy's {@code max_ejection_time} default). */
    static final Duration MAX_EJECTION_TIME = Duration.ofSeconds(300);

    /**
     * The config of one Backend's cluster under {@code policy}.
     *
     * @param base the Backend's plain cluster: endpoints and connection settings
     * @param name the name the cluster must have
     */
    @Override
    public ClusterConfig cluster(ClusterConfig base, String name, BackendTrafficPolicy policy) {
        BackendTrafficPolicySpec spec = policy.spec();
        ClusterConfig c = new ClusterConfig(name, base.endpoints(), base.settings(), LoadBalancers.leastRequest(),
                base.healthCheck(), base.outlierDetection(), base.limits());
        if (spec.loadBalancer() != null) {
            c = c.withLoadBalancer(loadBalancer(spec.loadBalancer()));
        }
        HealthCheck hc = spec.healthCheck();
        if (hc != null && hc.active() != null) {
            HealthCheck.Active a = hc.active();
            c = c.withHealthCheck(at("healthCheck.active", () -> new HealthCheckConfig(HealthCheckConfig.Type.HTTP,
                    a.http().path(), a.http().method(), new HashSet<>(a.http().expectedStatuses()), a.interval(),
                    a.timeout(), a.healthyThreshold(), a.unhealthyThreshold())));
        }
        if (hc != null && hc.passive() != null) {
            HealthCheck.Passive p = hc.passive();
            c = c.withOutlierDetection(at("healthCheck.passive", () -> new OutlierConfig(p.consecutive5XxErrors(),
                    p.consecutiveGatewayErrors(), p.consecutiveLocalOriginFailures(),
                    p.splitExternalLocalOriginErrors(), p.interval(), p.baseEjectionTime(),
                    max(MAX_EJECTION_TIME, p.baseEjectionTime()), p.maxEjectionPercent())));
        }
        if (spec.circuitBreaker() != null) {
            var cb = spec.circuitBreaker();
            c = c.withLimits(at("circuitBreaker", () -> new CircuitBreakerLimits(cb.maxConnections(),
                    cb.maxPendingRequests(), cb.maxParallelRequests(), cb.maxParallelRetries())));
        }
        return c.withSettings(settings(c.settings(), spec));
    }

    /** The retry policy of a rule under {@code policy}: {@link RetryPolicy#NONE} when it has no {@code retry}. */
    @Override
    public RetryPolicy retry(BackendTrafficPolicy policy) {
        Retry r = policy.spec().retry();
        if (r == null) {
            return RetryPolicy.NONE;
        }
        Set<RetryTrigger> triggers = EnumSet.noneOf(RetryTrigger.class);
        for (io.meshgate.api.policy.RetryTrigger t : r.retryOn().triggers()) {
            triggers.add(trigger(t));
        }
        Retry.BackOff backOff = r.perRetry().backOff();
        Duration perTry = r.perRetry().timeout();
        return at("retry", () -> new RetryPolicy(r.numRetries(), perTry == null ? Duration.ZERO : perTry, triggers,
                new HashSet<>(r.retryOn().httpStatusCodes()), backOff.baseInterval(), backOff.maxInterval(),
                RetryPolicy.NONE.bufferLimitBytes()));
    }

    /**
     * The timeouts of a rule: the route's own ({@code rules[].timeouts}) with the policy's
     * {@code timeout.http.requestTimeout} filling in a request timeout the route does not set.
     */
    @Override
    public RouteTimeouts timeouts(RouteTimeouts route, BackendTrafficPolicy policy) {
        BackendTimeout t = policy.spec().timeout();
        Duration policyRequest = t == null || t.http() == null ? null : t.http().requestTimeout();
        if (policyRequest == null || !route.request().isZero()) {
            return route;
        }
        return new RouteTimeouts(policyRequest, route.backendRequest());
    }

    private static io.meshgate.proxy.upstream.lb.LoadBalancer loadBalancer(LoadBalancer lb) {
        return switch (lb.type()) {
            case RoundRobin -> LoadBalancers.roundRobin();
            case LeastRequest -> LoadBalancers.leastRequest();
            case Random -> LoadBalancers.random();
            case ConsistentHash -> LoadBalancers.consistentHash(hashKey(lb.consistentHash()));
        };
    }

    private static HashKey hashKey(@Nullable ConsistentHash ch) {
        if (ch == null) {
            throw new IllegalArgumentException("loadBalancer.consistentHash: required when type is ConsistentHash");
        }
        return switch (ch.type()) {
            case SourceIP -> HashKey.sourceIp();
            case Header -> HashKey.header(required(ch.header(), "loadBalancer.consistentHash.header").name());
            case Cookie -> HashKey.cookie(required(ch.cookie(), "loadBalancer.consistentHash.cookie").name());
        };
    }

    private static UpstreamSettings settings(UpstreamSettings s, BackendTrafficPolicySpec spec) {
        Duration connect = s.connectTimeout();
        Duration idle = s.idleTimeout();
        int maxRequests = s.maxRequestsPerConnection();
        BackendTimeout t = spec.timeout();
        if (t != null && t.tcp() != null && t.tcp().connectTimeout() != null) {
            connect = positive(t.tcp().connectTimeout(), "timeout.tcp.connectTimeout");
        }
        if (t != null && t.http() != null) {
            if (t.http().connectionIdleTimeout() != null) {
                idle = positive(t.http().connectionIdleTimeout(), "timeout.http.connectionIdleTimeout");
            }
            if (t.http().maxConnectionDuration() != null) {
                throw new IllegalArgumentException("timeout.http.maxConnectionDuration: not supported yet "
                        + "(expected: absent; idle connections are closed after connectionIdleTimeout)");
            }
        }
        if (spec.circuitBreaker() != null) {
            maxRequests = spec.circuitBreaker().maxRequestsPerConnection();
        }
        return new UpstreamSettings(s.protocol(), s.tls(), s.tlsServerName(), s.insecureSkipVerify(), connect, idle,
                maxRequests);
    }

    private static RetryTrigger trigger(io.meshgate.api.policy.RetryTrigger t) {
        return switch (t) {
            case FIVE_XX -> RetryTrigger.FIVE_XX;
            case GATEWAY_ERROR -> RetryTrigger.GATEWAY_ERROR;
            case RESET -> RetryTrigger.RESET;
            case CONNECT_FAILURE -> RetryTrigger.CONNECT_FAILURE;
            case RETRIABLE_4XX -> RetryTrigger.RETRIABLE_4XX;
            case REFUSED_STREAM -> RetryTrigger.REFUSED_STREAM;
            case RETRIABLE_STATUS_CODES -> RetryTrigger.RETRIABLE_STATUS_CODES;
        };
    }

    /** Runs {@code build}, prefixing the field of a refusal with {@code path}. */
    private static <T> T at(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + e.getMessage(), e);
        }
    }

    private static <T> T required(@Nullable T value, String path) {
        if (value == null) {
            throw new IllegalArgumentException(path + ": required");
        }
        return value;
    }

    private static Duration positive(Duration d, String path) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(path + ": " + Durations.format(d) + " (expected: > 0)");
        }
        return d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
