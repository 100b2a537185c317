package io.meshgate.api.policy;

/** What a consistent hash load balancer hashes; spelled as in YAML. */
public enum ConsistentHashType {
    /** The client's IP address (after trusted X-Forwarded-For hops). */
    SourceIP,
    /** A request header. */
    Header,
    /** A request cookie. */
    Cookie
}
