package io.meshgate.proxy.filter.ratelimit;

import io.meshgate.proxy.http.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decides rate limits with buckets kept in Redis and shared by every gateway instance: one
 * {@link RedisGcraScript} call per request, covering all the rules that apply to it, atomically.
 * Bucket keys are {@code meshgate:rl:<rule id>[:<distinct key>]}; distinct keys longer than
 * {@value #MAX_PLAIN_KEY} characters are replaced by their SHA-256 so a client cannot make Redis
 * store long keys.
 */
public final class GlobalRateLimiter {

    static final int MAX_PLAIN_KEY = 128;

    private final RateLimitRule[] rules;
    private final boolean[] distinct;
    private final String[] keyPrefixes;
    private final String[] intervalArgs;
    private final String[] capacityArgs;
    private final RedisConnector redis;

    /**
     * A limiter for {@code rules}; rules with the same {@link RateLimitRule#id()} share buckets, in
     * this limiter and in every other one on the same Redis.
     *
     * @param redis the connector to the shared Redis
     */
    public GlobalRateLimiter(List<RateLimitRule> rules, RedisConnector redis) {
        this.rules = rules.toArray(new RateLimitRule[0]);
        this.redis = Objects.requireNonNull(redis, "redis");
        int n = this.rules.length;
        this.distinct = new boolean[n];
        this.keyPrefixes = new String[n];
        this.intervalArgs = new String[n];
        this.capacityArgs = new String[n];
        for (int i = 0; i < n; i++) {
            RateLimitRule r = this.rules[i];
            Quota q = r.quota();
            long intervalMicros = TimeUnit.NANOSECONDS.toMicros(q.intervalNanos());
            if (intervalMicros <= 0) {
                throw new IllegalArgumentException("requests: " + q.requests() + " per " + q.unit()
                        + " (expected: at most one request per microsecond for a Global limit)");
            }
            distinct[i] = r.isDistinct();
            keyPrefixes[i] = "meshgate:rl:" + r.id();
            intervalArgs[i] = Long.toString(intervalMicros);
            capacityArgs[i] = Long.toString(Math.multiplyExact(intervalMicros, q.burst()));
        }
    }

    /** The connector (for the failure mode's health reporting). */
    RedisConnector redis() {
        return redis;
    }

    /**
     * Counts the request against the rules that apply to it. Completes on a Redis thread, or
     * exceptionally when Redis could not decide within the timeout.
     *
     * @return the decision to come, or null when no rule applies (no Redis call is made)
     */
    public @Nullable CompletionStage<Decision> acquire(Exchange exchange) {
        String[] keys = new String[rules.length];
        String[] args = new String[rules.length * 2];
        Quota[] quotas = new Quota[rules.length];
        int n = 0;
        for (int i = 0; i < rules.length; i++) {
            String key = rules[i].bucketKey(exchange);
            if (key == null) {
                continue;
            }
            keys[n] = distinct[i] ? keyPrefixes[i] + ":" + shorten(key) : keyPrefixes[i];
            args[2 * n] = intervalArgs[i];
            args[2 * n + 1] = capacityArgs[i];
            quotas[n] = rules[i].quota();
            n++;
        }
        if (n == 0) {
            return null;
        }
        String[] k = n == keys.length ? keys : Arrays.copyOf(keys, n);
        String[] a = n == keys.length ? args : Arrays.copyOf(args, 2 * n);
        RedisHealth health = redis.health();
        return redis.commands()
                .thenCompose(commands -> RedisGcraScript.run(commands, k, a))
                .toCompletableFuture()
                .orTimeout(redis.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .thenApply(out -> decode(out, quotas))
                .whenComplete((d, error) -> {
                    if (error == null) {
                        health.succeeded();
                    }
                });
    }

    private static Decision decode(List<Long> out, Quota[] quotas) {
        DecisionBuilder b = new DecisionBuilder();
        for (int i = 0, p = 1; p + 2 < out.size() && i < quotas.length; i++, p += 3) {
            long a = out.get(p + 1);
            long c = out.get(p + 2);
            if (out.get(p) == 1) {
                b.allowed(quotas[i], a, TimeUnit.MICROSECONDS.toNanos(c));
            } else {
                b.denied(quotas[i], TimeUnit.MICROSECONDS.toNanos(a), TimeUnit.MICROSECONDS.toNanos(c));
            }
        }
        Decision d = b.build();
        if (d == null || d.allowed() != (out.get(0) == 1)) {
            throw new IllegalStateException("unexpected rate-limit script result " + out);
        }
        return d;
    }

    private static String shorten(String key) {
        if (key.length() <= MAX_PLAIN_KEY) {
            return key;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
