package io.meshgate.api.transform;

/** What an aggregation does when one of its calls fails; spelled as in YAML. */
public enum AggregationErrorMode {
    /** Fail the whole request (502, or 504 when a call timed out). */
    FailWhole,
    /** Answer with what succeeded and mark the rest ({@code "_errors"}, {@code x-meshgate-partial}). */
    Partial
}
