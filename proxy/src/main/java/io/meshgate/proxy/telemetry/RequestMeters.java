package io.meshgate.proxy.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The per-exchange meters, cached by route, cluster, method and status class so that recording
 * an exchange is two map lookups and an array read: tags are built once per combination, the
 * first time it is seen, never per request.
 */
final class RequestMeters {

    /** Histogram buckets from 1 ms to 30 s: fixed, so the series count stays bounded. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};

    /** Method labels; the last, OTHER, takes every method not listed, to bound cardinality. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT",
        "TRACE", "OTHER"};
    private static final String[] STATUS_CLASSES = {MetricNames.NONE, "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Group>> byRoute = new ConcurrentHashMap<>();

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records one finished exchange. */
    void record(@Nullable String route, @Nullable String cluster, String method, int status, long durationNanos,
                int attempts, @Nullable String responseFlag) {
        Group g = group(route == null ? MetricNames.NONE : route, cluster == null ? MetricNames.NONE : cluster);
        int slot = methodIndex(method) * STATUS_CLASSES.length + statusClassIndex(status);
        Meters m = g.slots.get(slot);
        if (m == null) {
            m = g.create(slot);
        }
        m.requests.increment();
        m.duration.record(durationNanos, TimeUnit.NANOSECONDS);
        if (attempts > 1) {
            g.retries.increment(attempts - 1);
        }
        if (responseFlag != null) {
            g.flag(responseFlag).increment();
        }
    }

    private Group group(String route, String cluster) {
        ConcurrentHashMap<String, Group> byCluster = byRoute.get(route);
        if (byCluster == null) {
            byCluster = byRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        }
        Group g = byCluster.get(cluster);
        if (g == null) {
            g = byCluster.computeIfAbsent(cluster, c -> new Group(route, c));
        }
        return g;
    }

    static int methodIndex(String method) {
        // Switch on the string hashes what the JIT turns into a jump table; no allocation.
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "PATCH" -> 5;
            case "OPTIONS" -> 6;
            case "CONNECT" -> 7;
            case "TRACE" -> 8;
            default -> 9;
        };
    }

    static int statusClassIndex(int status) {
        return status >= 100 && status <= 599 ? status / 100 : 0;
    }

    /** The meters of one (route, cluster), filled lazily per (method, status class). */
    private final class Group {
        final String route;
        final String cluster;
        final Counter retries;
        final ConcurrentHashMap<String, Counter> flags = new ConcurrentHashMap<>(4);
        final AtomicReferenceArray<Meters> slots = new AtomicReferenceArray<>(METHODS.length * STATUS_CLASSES.length);

        Group(String route, String cluster) {
            this.route = route;
            this.cluster = cluster;
            this.retries = Counter.builder(MetricNames.RETRIES)
                    .description("Upstream tries beyond the first")
                    .tags(MetricNames.ROUTE, route, MetricNames.CLUSTER, cluster)
                    .register(registry);
        }

        Counter flag(String flag) {
            Counter c = flags.get(flag);
            if (c == null) {
                c = flags.computeIfAbsent(flag, f -> Counter.builder(MetricNames.RESPONSE_FLAGS)
                        .description("Exchanges the proxy answered by itself or cut short, by reason")
                        .tags(MetricNames.ROUTE, route, MetricNames.CLUSTER, cluster, MetricNames.FLAG, f)
                        .register(registry));
            }
            return c;
        }

        Meters create(int slot) {
            Tags tags = Tags.of(MetricNames.ROUTE, route, MetricNames.CLUSTER, cluster,
                    MetricNames.METHOD, METHODS[slot / STATUS_CLASSES.length],
                    MetricNames.STATUS_CLASS, STATUS_CLASSES[slot % STATUS_CLASSES.length]);
            Meters m = new Meters(
                    Counter.builder(MetricNames.REQUESTS).description("Finished requests").tags(tags).register(registry),
                    Timer.builder(MetricNames.REQUEST_DURATION)
                            .description("From request head received to last response byte sent")
                            .tags(tags)
                            .serviceLevelObjectives(BUCKETS)
                            .register(registry));
            // Micrometer hands back the same meters for the same id, so a lost race is harmless.
            return slots.compareAndSet(slot, null, m) ? m : slots.get(slot);
        }
    }

    private record Meters(Counter requests, Timer duration) {
    }
}
