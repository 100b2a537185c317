package io.meshgate.testkit;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A request as a {@link FakeUpstream} received it. The body is kept up to
 * {@link FakeUpstream#MAX_KEPT_BODY} bytes; {@link #bodyLength()} counts every byte.
 *
 * @param method request method
 * @param uri request target as received
 * @param protocol {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}
 * @param headers request headers (for HTTP/2, converted: {@code host} carries {@code :authority})
 * @param body the body bytes kept
 * @param bodyLength all body bytes received
 * @param trailers trailing headers (empty when none)
 * @param connectionId sequence number of the connection it came on (1 for the first)
 */
public record FakeRequest(String method, String uri, String protocol, HttpHeaders headers, byte[] body,
                          long bodyLength, HttpHeaders trailers, int connectionId) {

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
