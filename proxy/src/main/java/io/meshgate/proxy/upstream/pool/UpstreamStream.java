package io.meshgate.proxy.upstream.pool;

import io.meshgate.proxy.upstream.Endpoint;
import io.netty.channel.Channel;

/**
 * One request/response slot toward an endpoint: a pooled HTTP/1.1 connection, or one stream of a
 * multiplexed HTTP/2 connection. Both speak Netty HTTP objects ({@code HttpRequest},
 * {@code HttpContent}, {@code LastHttpContent}) in both directions, so the engine has one code path.
 */
public interface UpstreamStream {

    /** The channel to write HTTP objects to and to toggle AUTO_READ on (a connection or an HTTP/2 stream). */
    Channel channel();

    /** The endpoint this stream leads to. */
    Endpoint endpoint();

    /**
     * Whether the underlying connection carried requests before. A reused connection that closes
     * before any response byte was most likely closed by the backend while idle: the request may
     * be replayed safely when it is idempotent.
     */
    boolean reused();

    /** Sets who receives responses and events (null to stop listening). */
    void listener(StreamListener listener);

    /** The exchange completed cleanly (request fully sent, response fully read): the slot may be reused. */
    void release();

    /** The exchange was abandoned: close the slot (the connection for HTTP/1.1, the stream for HTTP/2). */
    void close();

    /**
     * Hands the raw connection to the caller for a protocol switch (101 Switching Protocols): the
     * pool forgets it and removes its HTTP handlers. Only for HTTP/1.1.
     */
    Channel takeOver();
}
