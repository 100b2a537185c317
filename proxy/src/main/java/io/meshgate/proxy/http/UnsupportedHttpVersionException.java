package io.meshgate.proxy.http;

import io.netty.handler.codec.DecoderException;

/**
 * A request head whose HTTP major version this listener does not speak (anything but 1 on an
 * HTTP/1.x connection, e.g. {@code HTTP/2.0} or {@code HTTP/3.0}): answered with 505 and the
 * connection closed (RFC 9110 §15.6.6). Set by the HTTP/1.x decoder as the head's decoder failure.
 */
public final class UnsupportedHttpVersionException extends DecoderException {

    private static final long serialVersionUID = 1L;

    /** The version as the request line gave it. */
    public UnsupportedHttpVersionException(String version) {
        super("unsupported HTTP version " + version);
    }
}
