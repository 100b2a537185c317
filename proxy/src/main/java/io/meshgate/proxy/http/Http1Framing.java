package io.meshgate.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/** How a response is framed for an HTTP/1.x client (RFC 9112 §6): length, chunking, keep-alive. */
final class Http1Framing {

    private Http1Framing() {
    }

    /** Statuses that never carry a body. */
    static boolean bodyless(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    /**
     * Sets {@code Transfer-Encoding: chunked} when the length is unknown (an HTTP/1.0 client reads
     * to EOF instead, so the connection must close) and the {@code Connection} header.
     *
     * @param full the whole response is in {@code res} (its Content-Length is set by the caller)
     * @param head the request was HEAD (no body follows whatever the headers say)
     * @param close the connection closes after this response for other reasons
     * @return whether the connection closes after this response
     */
    static boolean frame(HttpResponse res, boolean full, RequestShape shape, boolean head, boolean close) {
        if (!full && !bodyless(res.status().code()) && !head && !res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (shape.http10()) {
                close = true;
            } else {
                HttpUtil.setTransferEncodingChunked(res, true);
            }
        }
        if (close) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (shape.http10()) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return close;
    }
}
