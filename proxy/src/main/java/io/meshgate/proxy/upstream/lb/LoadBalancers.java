package io.meshgate.proxy.upstream.lb;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The built-in load balancers. */
public final class LoadBalancers {

    /** The production randomness: each thread's own {@link ThreadLocalRandom}, so no contention. */
    public static final Supplier<RandomGenerator> THREAD_LOCAL_RANDOM = ThreadLocalRandom::current;

    /** Envoy's default Maglev table size, a prime. */
    public static final int DEFAULT_TABLE_SIZE = 65_537;

    private LoadBalancers() {
    }

    /** Smooth weighted round robin (nginx's sequence, precomputed per endpoint set). */
    public static LoadBalancer roundRobin() {
        return new RoundRobinBalancer(THREAD_LOCAL_RANDOM);
    }

    /** Round robin whose starting point comes from {@code random} (tests). */
    public static LoadBalancer roundRobin(Supplier<RandomGenerator> random) {
        return new RoundRobinBalancer(random);
    }

    /** Least request: the less loaded of two random endpoints (power of two choices), weight-aware. */
    public static LoadBalancer leastRequest() {
        return new LeastRequestBalancer(THREAD_LOCAL_RANDOM);
    }

    /** Least request drawing from {@code random} (tests). */
    public static LoadBalancer leastRequest(Supplier<RandomGenerator> random) {
        return new LeastRequestBalancer(random);
    }

    /** Weighted random. */
    public static LoadBalancer random() {
        return new RandomBalancer(THREAD_LOCAL_RANDOM);
    }

    /** Weighted random drawing from {@code random} (tests). */
    public static LoadBalancer random(Supplier<RandomGenerator> random) {
        return new RandomBalancer(random);
    }

    /**
     * Consistent hashing (Maglev, table size {@value #DEFAULT_TABLE_SIZE}) on {@code key}: a request
     * with the same key reaches the same endpoint while the endpoint set allows, and a change of the
     * set moves only about 1/n of the keys. A request without a key goes to a random endpoint.
     */
    public static LoadBalancer consistentHash(HashKey key) {
        return new MaglevBalancer(key, DEFAULT_TABLE_SIZE, THREAD_LOCAL_RANDOM);
    }

    /** Consistent hashing with a Maglev table of {@code tableSize} entries (expected: a prime). */
    public static LoadBalancer consistentHash(HashKey key, int tableSize) {
        return new MaglevBalancer(key, tableSize, THREAD_LOCAL_RANDOM);
    }

    /** Consistent hashing drawing keyless picks from {@code random} (tests). */
    public static LoadBalancer consistentHash(HashKey key, int tableSize, Supplier<RandomGenerator> random) {
        return new MaglevBalancer(key, tableSize, random);
    }
}
