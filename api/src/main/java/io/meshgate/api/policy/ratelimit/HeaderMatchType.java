package io.meshgate.api.policy.ratelimit;

/** How a rate limit client selector compares a header; spelled as in YAML. */
public enum HeaderMatchType {
    /** The header equals the value; matching requests share one bucket. */
    Exact,
    /** The header matches the regular expression; matching requests share one bucket. */
    RegularExpression,
    /** Each distinct value of the header gets its own bucket. */
    Distinct
}
