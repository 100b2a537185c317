package io.meshgate.proxy.filter;

/**
 * How a filter wants a message body: streamed through untouched (the default), or buffered whole
 * before the filter's phase method runs. A buffered body larger than {@code maxBytes} makes the
 * request fail with 413 (request side) or 502 (response side) before the filter sees it.
 */
public sealed interface BodyMode permits BodyMode.Stream, BodyMode.Buffer {

    /** Stream the body; the filter never sees its bytes. */
    BodyMode STREAM = Stream.INSTANCE;

    /** Buffer at most {@code maxBytes} of body before calling the filter. */
    static BodyMode buffer(int maxBytes) {
        return new Buffer(maxBytes);
    }

    /** Streaming mode. */
    enum Stream implements BodyMode { INSTANCE }

    /**
     * Buffering mode.
     *
     * @param maxBytes the largest body the filter accepts, in bytes (expected: &gt; 0)
     */
    record Buffer(int maxBytes) implements BodyMode {
        public Buffer {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
            }
        }
    }
}
