package io.meshgate.testkit;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * How a {@link FakeUpstream.Behavior} answers one request. Methods may be called from any thread;
 * they hop to the connection's event loop.
 */
public interface Responder {

    /** The event loop of the connection, for scheduling delayed answers. */
    EventLoop eventLoop();

    /** Sends a complete response with a Content-Length. */
    void respond(int status, HttpHeaders headers, byte[] body);

    /** Sends a response head without Content-Length (HTTP/1.1: chunked); continue with {@link #chunk}. */
    void head(int status, HttpHeaders headers);

    /** Sends and flushes one body chunk after {@link #head}. */
    void chunk(byte[] data);

    /** Ends the streamed response, with optional trailers (may be empty). */
    void end(HttpHeaders trailers);

    /** Streams {@code length} bytes of {@code 'x'} after {@link #head}, honouring backpressure, then ends. */
    void stream(long length);

    /** Closes the connection (HTTP/2: resets the stream) without a (further) response. */
    void abort();
}
