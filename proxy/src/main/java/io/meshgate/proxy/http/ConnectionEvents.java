package io.meshgate.proxy.http;

/**
 * What the connection's timeout keeper needs to know from the exchange handler (HTTP/1.x):
 * when a request head arrived and when the connection has nothing in flight again.
 */
public interface ConnectionEvents {

    /** No-op events (HTTP/2 streams, tests). */
    ConnectionEvents NONE = new ConnectionEvents() {
        @Override
        public void requestHeadReceived() {
        }

        @Override
        public void idle() {
        }
    };

    /** A complete request head was decoded: the header-read timer stops. */
    void requestHeadReceived();

    /** The last exchange finished and no other is queued: the idle timer starts. */
    void idle();

    /**
     * When the first byte of the request whose head was just received arrived
     * ({@link System#nanoTime()} terms), or {@code headReceivedNanos} when that is not tracked.
     */
    default long requestStartedNanos(long headReceivedNanos) {
        return headReceivedNanos;
    }
}
