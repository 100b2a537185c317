package io.meshgate.api.policy;

/** Load balancing algorithms; spelled as in YAML. */
public enum LoadBalancerType {
    /** Each endpoint in turn, by weight. */
    RoundRobin,
    /** Power of two choices: the less loaded of two random endpoints. */
    LeastRequest,
    /** A random endpoint, by weight. */
    Random,
    /** The same endpoint for the same header, cookie or client IP, while the endpoint set is stable. */
    ConsistentHash
}
