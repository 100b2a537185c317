package io.meshgate.proxy.upstream.pool;

import io.netty.handler.codec.http.HttpObject;

/**
 * Receives what happens on an {@link UpstreamStream} while one exchange uses it. Called on the
 * stream's event loop, which is also the exchange's.
 */
public interface StreamListener {

    /** A response head, body chunk or last chunk (with trailers); the listener owns {@code msg}. */
    void onRead(HttpObject msg);

    /** The end of one socket read: a good moment to flush what was written downstream. */
    void onReadComplete();

    /** The stream can take more (true) or should get no more writes for now (false). */
    void onWritabilityChanged(boolean writable);

    /** The stream or its connection closed (reset, EOF, timeout); not called after {@link UpstreamStream#release()}. */
    void onClosed();
}
