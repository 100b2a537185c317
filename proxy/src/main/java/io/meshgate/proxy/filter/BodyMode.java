package io.meshgate.proxy.filter;

/**
 * How a filter wants a message body: streamed through untouched (the default), or buffered whole
 * before the filter's phase method runs. A buffered body larger than {@code maxBytes} makes the
 * request fail with 413 (request side) or 502 (response side) before the filter sees it, unless the
 * filter asked for {@link #bufferUpTo}: then the phase method runs without the body (a null
 * {@code requestBody()} / {@code responseBody()}) and the body streams on, as a response cache wants.
 */
public sealed interface BodyMode permits BodyMode.Stream, BodyMode.Buffer {

    /** Stream the body; the filter never sees its bytes. */
    BodyMode STREAM = Stream.INSTANCE;

    /** Buffer at most {@code maxBytes} of body before calling the filter. */
    static BodyMode buffer(int maxBytes) {
        return new Buffer(maxBytes);
    }

    /**
     * Buffer at most {@code maxBytes} of body before calling the filter, and stream larger bodies
     * through instead of failing: the filter is then called with no body.
     */
    static BodyMode bufferUpTo(int maxBytes) {
        return new Buffer(maxBytes, true);
    }

    /** Streaming mode. */
    enum Stream implements BodyMode { INSTANCE }

    /**
     * Buffering mode.
     *
     * @param maxBytes the largest body the filter accepts, in bytes (expected: &gt; 0)
     * @param streamWhenLarger true: a larger body streams through and the filter sees none;
     *     false: a larger body fails the exchange (413 / 502)
     */
    record Buffer(int maxBytes, boolean streamWhenLarger) implements BodyMode {
        public Buffer {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
            }
        }

        /** A buffer that fails past {@code maxBytes}. */
        public Buffer(int maxBytes) {
            this(maxBytes, false);
        }
    }
}
